// A clean shutdown on the real Redis: the bot's Mobile Money gives its payment leases back when it closes, so
// another bot process takes a payment left pending at once instead of when the lease runs out.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { MtnMomoCollection, RedisPaymentStore } from "@toktok/payments";
import { type MtnMomoStandIn, startMtnMomoStandIn } from "@toktok/payments/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { createMobileMoney } from "./mobile-money.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * `redis` behind a slow link: every script runs a moment late, so a release that nobody waits for is still
 * on its way when the connection is closed.
 */
function slow(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop !== "evalsha" && prop !== "eval") return value.bind(target);
      return async (...args: unknown[]) => {
        await sleep(50);
        return value.apply(target, args);
      };
    },
  });
}

describeWithRedis("the bot's Mobile Money on shutdown", () => {
  let standIn: MtnMomoStandIn;
  let probe: Redis;
  const ids: string[] = [];
  beforeAll(async () => {
    // The payer never answers: the payment stays pending at MTN, as when a process stops mid-payment.
    standIn = await startMtnMomoStandIn({ targetEnvironment: "mtncongo", phone: () => "ignore" });
    probe = new Redis(services().redisUrl);
  });
  afterAll(async () => {
    // The payments are left unfinished on purpose: removed so no other process picks them up.
    const base = "toktok:payments:{payments}:";
    for (const id of ids) await probe.del(`${base}p:${id}`, `${base}lease:${id}`);
    if (ids.length > 0) await probe.srem(`${base}unfinished`, ...ids);
    await probe?.quit();
    await standIn?.close();
  });

  it("close() resolves once the leases are released: another process takes the pending payment at once", async () => {
    const redis = new Redis(services().redisUrl);
    const money = createMobileMoney({
      providers: { mtn: new MtnMomoCollection({ ...standIn.credentials, baseUrl: standIn.url }) },
      redis: slow(redis),
      logger: silent,
      firstPollMs: 60_000,
    });
    const id = randomUUID();
    ids.push(id);
    const payment = await money.payments.collect({
      id,
      amount: 7500,
      payer: "06 123 45 67",
      description: "Commande CMD-1",
      externalId: "CMD-1",
      operator: "mtn",
      metadata: { waId: "242061234567" },
    });
    expect(payment.status).toBe("pending");
    const other = new RedisPaymentStore({ client: probe });
    // While the bot runs, its lease keeps every other process off the payment.
    expect(await other.lease(id, "another-process", 60_000)).toBe(false);

    await money.close();
    // What the bot's close() does next: Redis goes, so the release must already be done.
    redis.disconnect();
    expect(await other.lease(id, "another-process", 60_000)).toBe(true);
  });
});
