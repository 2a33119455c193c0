// Three separate bot processes (`node src/main.ts`, as deployed) on one Redis Cluster of our own
// (scripts/faults/redis-cluster.ts), webhooks spread at random across them, one process stopped with
// SIGTERM mid-run (a deploy, a scale-in): every message answered exactly once, each customer in order;
// then one killed outright (SIGKILL) with DELIVERY_TAKEOVER_MS=3000: its work is taken over, nothing lost.
import { randomBytes, randomInt } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterBinariesAvailable,
  startRedisCluster,
  type TestRedisCluster,
} from "../../../../scripts/faults/redis-cluster.ts";
import { type GraphStandIn, type OutboundMessage, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type SignedDelivery, type WebhookSigner } from "../simulator/webhook-signer.ts";
import { type BotProcess, spawnBot } from "../test-support/bot-process.ts";

const available = await clusterBinariesAvailable();
const secrets = { token: "EAAG-procs", appSecret: randomBytes(8).toString("hex"), phoneNumberId: "555000444" };

// The courier dialogue up to its recap, as a customer types it (sent without waiting for the answers).
const script = (signer: WebhookSigner, from: string): SignedDelivery[] => [
  signer.text({ from, name: "Grâce" }, "je veux envoyer un colis"),
  signer.location({ from, name: "Grâce" }, { latitude: -4.2634, longitude: 15.2429 }),
  signer.text({ from, name: "Grâce" }, "Rond-point Moungali"),
  signer.text({ from, name: "Grâce" }, "15000"),
  signer.text({ from, name: "Grâce" }, "Deux pagnes"),
  signer.text({ from, name: "Grâce" }, "Marie Okemba"),
  signer.text({ from, name: "Grâce" }, "06 123 4567"),
];
const shape = (m: OutboundMessage): string => `${m.type}:${JSON.stringify(m.body).replace(/\d+/g, "#")}`;

describe.skipIf(!available)("delivery bot: three processes on a Redis Cluster (3 masters)", () => {
  let cluster: TestRedisCluster;
  let graph: GraphStandIn;
  let signer: WebhookSigner;
  const bots: BotProcess[] = [];
  const live = new Set<number>();

  const startBot = (extra: Record<string, string> = {}): Promise<BotProcess> =>
    spawnBot({
      ...extra,
      PORT: "0",
      HOST: "127.0.0.1",
      WHATSAPP_TOKEN: secrets.token,
      WHATSAPP_PHONE_NUMBER_ID: secrets.phoneNumberId,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: "it",
      WHATSAPP_API_BASE_URL: graph.url,
      WHATSAPP_THROUGHPUT: "1000",
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      LOG_LEVEL: "info",
    });

  beforeAll(async () => {
    cluster = await startRedisCluster();
    graph = await startGraphStandIn({ accessToken: secrets.token, phoneNumberId: secrets.phoneNumberId });
    signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId: secrets.phoneNumberId });
    bots.push(...(await Promise.all([startBot(), startBot(), startBot()])));
    for (let i = 0; i < bots.length; i++) live.add(i);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(
      bots.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGKILL");
        await exited;
      }),
    );
    await graph?.close();
    await cluster?.close();
  });

  const post = async (i: number, delivery: SignedDelivery) => {
    const res = await fetch(`${(bots[i] as BotProcess).url}/webhook`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    await res.arrayBuffer();
    return res.status;
  };
  // As Meta does: no 200 (a reset connection, a 503) → delivered again, to a random live process.
  const deliver = async (delivery: SignedDelivery): Promise<void> => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ids = [...live];
      const status = await post(ids[randomInt(0, ids.length)] as number, delivery).catch(() => 0);
      if (status === 200) return;
    }
    throw new Error("a delivery was refused 10 times");
  };
  const repliesTo = (waId: string) => graph.messages.filter((m) => m.to === waId);
  const waitForReplies = async (waIds: string[], count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (waIds.some((w) => repliesTo(w).length < count) && Date.now() < deadline) await sleep(50);
  };

  it("every message answered once and in order, with one process stopped mid-run", async () => {
    for (const bot of bots) {
      const health = (await (await fetch(`${bot.url}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ checks: { redis: "ok" }, redis: { mode: "cluster", masters: 3, mastersUp: 3 } });
    }
    // The reference: one customer, each message sent once the previous one is answered.
    const reference = `24206${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
    for (const [i, delivery] of script(signer, reference).entries()) {
      await deliver(delivery);
      await waitForReplies([reference], i + 1, 10_000);
    }
    const expected = repliesTo(reference).map(shape);
    expect(expected).toHaveLength(7);

    const customers = Array.from({ length: 12 }, (_, i) => `24205${String(2_000_000 + i * 7_919).padStart(7, "0")}`);
    let posted = 0;
    let stopped: Promise<unknown> | undefined;
    await Promise.all(
      customers.map(async (customer) => {
        for (const delivery of script(signer, customer)) {
          await deliver(delivery);
          if (randomInt(0, 4) === 0) await deliver(delivery); // Meta's redelivery, maybe to another process
          posted++;
          if (posted === Math.floor((customers.length * 7) / 2) && !stopped) {
            live.delete(2);
            const child = (bots[2] as BotProcess).child;
            stopped = once(child, "exit");
            child.kill("SIGTERM");
          }
          await sleep(randomInt(0, 15));
        }
      }),
    );
    expect(await stopped).toEqual([0, null]); // it drained and exited cleanly
    await waitForReplies(customers, expected.length, 30_000);
    await sleep(500); // room for a duplicate to show up
    for (const customer of customers) expect(repliesTo(customer).map(shape), customer).toEqual(expected);
  }, 60_000);

  it("loses nothing when a process is killed outright (SIGKILL) mid-run: its jobs and replies are taken over", async () => {
    // Three fresh processes that take over a dead one's work after 3 s instead of 30 s.
    const fast = await Promise.all([1, 2, 3].map(() => startBot({ DELIVERY_TAKEOVER_MS: "3000" })));
    const first = bots.length;
    bots.push(...fast);
    live.clear();
    for (let i = first; i < bots.length; i++) live.add(i);
    const reference = `24206${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
    for (const [i, delivery] of script(signer, reference).entries()) {
      await deliver(delivery);
      await waitForReplies([reference], i + 1, 10_000);
    }
    const expected = repliesTo(reference).map(shape);
    const customers = Array.from({ length: 12 }, (_, i) => `24204${String(3_000_000 + i * 7_919).padStart(7, "0")}`);
    let posted = 0;
    let killed = false;
    await Promise.all(
      customers.map(async (customer) => {
        for (const delivery of script(signer, customer)) {
          await deliver(delivery);
          posted++;
          if (posted === Math.floor((customers.length * 7) / 2) && !killed) {
            killed = true;
            const victim = first + 1;
            live.delete(victim);
            (bots[victim] as BotProcess).child.kill("SIGKILL");
          }
          await sleep(randomInt(0, 15));
        }
      }),
    );
    await waitForReplies(customers, expected.length, 45_000);
    await sleep(4_000); // past the take-over time: room for a late resend to show up
    for (const customer of customers) {
      const got = repliesTo(customer).map(shape);
      // A reply the dead process sent but had not recorded yet is sent again by the process that
      // takes over (the documented at-least-once window of a crash): it shows as an immediate repeat.
      const collapsed = got.filter((s, i) => i === 0 || s !== got[i - 1]);
      expect(collapsed, customer).toEqual(expected);
      expect(got.length - collapsed.length, customer).toBeLessThanOrEqual(1);
    }
  }, 90_000);
});
