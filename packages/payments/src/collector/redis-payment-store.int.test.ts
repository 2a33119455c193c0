import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import { FAST_POLLS, startHarness, until } from "../test-support/harness.js";
import type { PhoneAnswer } from "../testing/knobs.js";
import { PaymentCollector } from "./payment-collector.js";
import type { StoredPayment } from "./payment-store.js";
import { RedisPaymentStore } from "./redis-payment-store.js";

const prefix = `test:payments:${randomUUID()}:`;
let redis: Redis;

const payment = (id: string): StoredPayment => ({
  id,
  operator: "mtn",
  amount: 7500,
  currency: "XAF",
  externalId: "order-42",
  payer: "06 123 45 67",
  description: "Commande 42 — café",
  status: "pending",
  phase: "requesting",
  requestAttempts: 0,
  createdAt: 1_733_437_954_123,
  expiresAt: 1_733_438_554_123,
  notified: false,
});

describeWithRedis("RedisPaymentStore (real Redis)", () => {
  beforeAll(() => {
    redis = new Redis(services().redisUrl, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("creates once, updates only while pending, settles once, and lists what a restart must resume", async () => {
    const store = new RedisPaymentStore({ client: redis, prefix });
    const id = randomUUID();
    expect(await store.create(payment(id))).toBe(true);
    expect(await store.create({ ...payment(id), amount: 1 })).toBe(false);
    await store.update(id, { phase: "requested", requestAttempts: 1 });
    expect(await store.get(id)).toEqual({ ...payment(id), phase: "requested", requestAttempts: 1 });

    const settlements = await Promise.all([
      store.settle(id, { status: "succeeded", providerTransactionId: "123", settledAt: 5 }),
      store.settle(id, { status: "failed", reason: "expired", settledAt: 6 }),
    ]);
    expect(settlements.filter((s) => s !== undefined)).toHaveLength(1);
    await store.update(id, { phase: "requesting" });
    expect((await store.get(id))?.phase).toBe("requested");
    expect((await store.listUnfinished()).map((p) => p.id)).toEqual([id]);
    await store.markNotified(id);
    expect(await store.listUnfinished()).toEqual([]);
    expect(await store.get(randomUUID())).toBeUndefined();
  });

  it("a collector restarted on the same Redis finishes a pending payment, notified once", async () => {
    const h = await startHarness();
    try {
      h.mtnStandIn.setCallbacks("never");
      let answer: ((a: PhoneAnswer) => void) | undefined;
      h.mtnStandIn.setPhone(() => new Promise<PhoneAnswer>((resolve) => (answer = resolve)));
      const store = new RedisPaymentStore({ client: redis, prefix: `${prefix}restart:` });
      const notified: string[] = [];
      const first = new PaymentCollector({ providers: { mtn: h.mtn }, store, ...FAST_POLLS });
      const id = randomUUID();
      await first.collect({
        id,
        amount: 15,
        payer: "06 123 45 67",
        description: "Commande 42",
        externalId: "order-42",
      });
      first.close(); // the process stops with the payment pending
      await until(() => answer !== undefined);
      answer?.("accept"); // the payer approves while no process runs
      const second = new PaymentCollector({
        providers: { mtn: h.mtn },
        store,
        onSettled: (p) => void notified.push(p.id),
        ...FAST_POLLS,
      });
      expect(await second.resumePending()).toBe(1);
      expect(await second.settled(id)).toMatchObject({ status: "succeeded", notified: false });
      await until(() => notified.length > 0);
      expect(notified).toEqual([id]);
      expect(await store.listUnfinished()).toEqual([]);
      expect(h.mtnStandIn.debits).toHaveLength(1);
      second.close();
    } finally {
      await h.close();
    }
  });
});
