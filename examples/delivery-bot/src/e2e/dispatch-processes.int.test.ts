// Two separate bot processes (`node src/main.ts`, as deployed) with dispatch on, sharing one Redis of
// their own (presence, offers, claims, BullMQ timers, sessions) and one backend over HTTP (BACKEND_URL,
// the flows package's reference server on a MemoryBackend), so both see the same missions. Two drivers
// at different distances: the nearer is offered the mission first, the farther only when the offer
// widens; then both accept at the same moment, each through a different process: exactly one wins.
import { spawnSync } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { MemoryBackend } from "@toktok/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ReferenceServer,
  startReferenceServer,
} from "../../../../packages/flows/src/test-support/reference-server.ts";
import { type FaultyRedis, startFaultyRedis } from "../../../../scripts/faults/redis-server.ts";
import { SimulatedCustomer } from "../demo/customer.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type WebhookSigner } from "../simulator/webhook-signer.ts";
import { type BotProcess, spawnBot } from "../test-support/bot-process.ts";
import { orderCourier, tap } from "../test-support/courier-order.ts";

const redisServer = process.env.REDIS_SERVER_BIN ?? "redis-server";
const haveRedisServer = spawnSync(redisServer, ["--version"]).status === 0;
if (!haveRedisServer) {
  const message = `dispatch-processes.int.test.ts: \`${redisServer}\` not found; the two bot processes need a private redis-server`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`SKIPPED ${message}`);
}

const secrets = { token: "EAAG-dispatch", appSecret: randomBytes(8).toString("hex"), phoneNumberId: "555000777" };
const phone = (prefix: string) => `${prefix}${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
/** The pickup of `orderCourier` (Poto-Poto). */
const PICKUP = { latitude: -4.2634, longitude: 15.2429 };
/** Wait before the offer widens to the farther driver: long enough to see that he was not offered first. */
const REOFFER_MS = 2_000;

describe.skipIf(!haveRedisServer)("delivery bot: dispatch across two processes on one Redis", () => {
  let redis: FaultyRedis;
  let graph: GraphStandIn;
  let signer: WebhookSigner;
  let reference: ReferenceServer;
  const backend = new MemoryBackend();
  const bots: BotProcess[] = [];
  const phones: SimulatedCustomer[] = [];

  beforeAll(async () => {
    redis = await startFaultyRedis();
    graph = await startGraphStandIn({ accessToken: secrets.token, phoneNumberId: secrets.phoneNumberId });
    signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId: secrets.phoneNumberId });
    reference = await startReferenceServer(backend, "backend-key");
    const env = {
      PORT: "0",
      HOST: "127.0.0.1",
      WHATSAPP_TOKEN: secrets.token,
      WHATSAPP_PHONE_NUMBER_ID: secrets.phoneNumberId,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: "it",
      WHATSAPP_API_BASE_URL: graph.url,
      WHATSAPP_THROUGHPUT: "1000",
      REDIS_URL: redis.url,
      BACKEND_URL: reference.url,
      BACKEND_API_KEY: "backend-key",
      DISPATCH: "on",
      DISPATCH_FAN_OUT: "1",
      DISPATCH_REOFFER_MS: String(REOFFER_MS),
      // Both processes must derive the same recipient's code.
      DELIVERY_CODE_SECRET: randomBytes(12).toString("hex"),
      LOG_LEVEL: "info",
    };
    bots.push(...(await Promise.all([spawnBot(env), spawnBot(env)])));
  }, 30_000);
  afterAll(async () => {
    for (const p of phones) p.close();
    for (const bot of bots) bot.child.kill("SIGTERM");
    await Promise.all(
      bots.map(
        (b) => new Promise((resolve) => (b.child.exitCode !== null ? resolve(null) : b.child.once("exit", resolve))),
      ),
    );
    await reference?.close();
    await graph?.close();
    await redis?.close();
  });

  /** A phone talking to process `i` only; nothing to drain in another process, so `expect` waits. */
  const phoneOn = (i: number, waId: string, name: string): SimulatedCustomer => {
    const p = new SimulatedCustomer({
      botUrl: (bots[i] as BotProcess).url,
      graph,
      signer,
      waId,
      name,
      settle: async () => {},
    });
    phones.push(p);
    return p;
  };

  /** Another process answers: waits until the choice is on screen, then taps it. */
  const tapWhenShown = async (who: SimulatedCustomer, id: string): Promise<void> => {
    await expect
      .poll(() => who.choices.some((c) => c.id === id), {
        timeout: 10_000,
        interval: 50,
        message: `${who.waId} never shown ${id}: ${JSON.stringify(who.inbox.map((m) => m.text))} ${bots.map((b) => b.log().slice(-2000)).join("\n")}`,
      })
      .toBe(true);
    await tap(who, id);
  };

  it("offers the nearer driver first, and of two accepts at once on two processes exactly one wins", async () => {
    const [nearPhone, farPhone] = [phone("24205"), phone("24204")];
    await backend.users.create({ phone: nearPhone, name: "Jean Near", role: "livreur" });
    await backend.users.create({ phone: farPhone, name: "Paul Far", role: "livreur" });
    // The nearer driver talks to process 0, the farther one to process 1.
    const near = phoneOn(0, nearPhone, "Jean");
    const far = phoneOn(1, farPhone, "Paul");
    for (const [driver, km] of [
      [near, 0.5],
      [far, 2.5],
    ] as const) {
      await driver.say("menu");
      await tapWhenShown(driver, "flow:driver");
      await driver.expect("Aujourd'hui : 0 course(s)", 10_000);
      await driver.say(`/loc ${PICKUP.latitude + km / 111.2} ${PICKUP.longitude}`);
    }

    const grace = phoneOn(0, phone("24206"), "Grâce");
    await orderCourier(grace, "06 123 4567");
    const [mission] = await backend.missions.list({ clientPhone: grace.waId });
    expect(mission?.status).toBe("pending");

    await near.expect(`Nouvelle course ${mission?.reference}`, 10_000);
    // Fan-out 1: the farther driver is offered it only when the offer widens, after REOFFER_MS.
    expect(far.inbox.some((m) => m.text.includes("Nouvelle course"))).toBe(false);
    await far.expect(`Nouvelle course ${mission?.reference}`, REOFFER_MS + 10_000);

    // Each opens the offer on his own process, then both tap "Accepter" at the same moment.
    for (const driver of [near, far]) {
      await tapWhenShown(driver, "flow:driver");
      await driver.expect("Accepter", 10_000);
    }
    const acceptOf = (driver: SimulatedCustomer) => {
      const index = driver.choices.findIndex((c) => c.id === `accept:${mission?.id}`);
      if (index < 0) throw new Error(`${driver.waId}: no accept in ${JSON.stringify(driver.choices)}`);
      return driver.delivery(String(index + 1));
    };
    const taps = [acceptOf(near), acceptOf(far)];
    await Promise.all([near.post(taps[0] as never), far.post(taps[1] as never)]);

    const won = (d: SimulatedCustomer) => d.inbox.some((m) => m.text.includes(`🎉 Mission ${mission?.reference}`));
    const lost = (d: SimulatedCustomer) => d.inbox.some((m) => m.text.includes("acceptée par un autre livreur"));
    await expect
      .poll(() => [near, far].filter((d) => won(d) || lost(d)).length, { timeout: 10_000, interval: 100 })
      .toBe(2);
    expect([near, far].filter(won)).toHaveLength(1);
    expect([near, far].filter(lost)).toHaveLength(1);
    // The backend was asked to assign it once (one winner's call), to the winner.
    const accepts = reference.requests.filter((r) => /^POST \S*\/missions\/[^/]+\/accept$/.test(r.line));
    expect(accepts).toHaveLength(1);
    const assigned = await backend.missions.get(mission?.id ?? "?");
    expect(assigned?.status).toBe("accepted");
    const winner = won(near) ? nearPhone : farPhone;
    expect(assigned?.driver?.phone.replace(/\D/g, "")).toBe(winner);
    // The customer is told once, with the winner's card.
    await grace.expect("environ", 10_000);
    const cards = grace.inbox.filter((m) => m.text.startsWith("👤 "));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.text).toContain(won(near) ? "Jean Near" : "Paul Far");
  }, 60_000);
});
