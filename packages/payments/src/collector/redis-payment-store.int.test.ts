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
      await first.close(); // the process stops with the payment pending, giving its lease up
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
      await second.close();
    } finally {
      await h.close();
    }
  });

  it("a collector that dies for good has its pending payment taken over by a running one after the lease, settled and notified once", async () => {
    const h = await startHarness();
    // A's own connection: dropping it is A dying (nothing released, its lease left to expire).
    const redisA = new Redis(services().redisUrl, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    await redisA.connect();
    const shared = `${prefix}takeover:`;
    const notified: Record<"a" | "b", string[]> = { a: [], b: [] };
    const options = { ...FAST_POLLS, resumeEveryMs: 50, leaseMs: 400 } as const;
    const a = new PaymentCollector({
      providers: { mtn: h.mtn },
      store: new RedisPaymentStore({ client: redisA, prefix: shared }),
      onSettled: (p) => void notified.a.push(p.id),
      ...options,
    });
    const bStore = new RedisPaymentStore({ client: redis, prefix: shared });
    const b = new PaymentCollector({
      providers: { mtn: h.mtn },
      store: bStore,
      onSettled: (p) => void notified.b.push(p.id),
      ...options,
    });
    try {
      h.mtnStandIn.setCallbacks("never");
      let answer: ((a: PhoneAnswer) => void) | undefined;
      h.mtnStandIn.setPhone(() => new Promise<PhoneAnswer>((resolve) => (answer = resolve)));
      expect(await a.resumePending()).toBe(0);
      expect(await b.resumePending()).toBe(0); // B runs, with nothing to do yet
      const id = randomUUID();
      await a.collect({ id, amount: 15, payer: "06 123 45 67", description: "Commande 43", externalId: "order-43" });
      await until(() => answer !== undefined);
      const statusQueries = () => h.mtnStandIn.requests.filter((r) => r.method === "GET" && r.path.endsWith(id)).length;
      await until(() => statusQueries() >= 2); // A polls, renewing its lease
      expect(await bStore.lease(id, "someone-else", 1000)).toBe(false); // A holds it while alive
      expect(await b.resumePending()).toBe(0);

      redisA.disconnect(); // A dies: no release, no more polls
      await a.close();
      answer?.("accept"); // the payer approves while A is gone

      expect(await b.settled(id)).toMatchObject({ status: "succeeded" });
      await until(() => notified.b.length > 0);
      expect(notified).toEqual({ a: [], b: [id] });
      expect(h.mtnStandIn.debits).toHaveLength(1);
      expect(await bStore.listUnfinished()).toEqual([]);
    } finally {
      await b.close();
      redisA.disconnect();
      await h.close();
    }
  });

  it("a failed hand-over is retried by the periodic resume, without a restart", async () => {
    const h = await startHarness();
    const store = new RedisPaymentStore({ client: redis, prefix: `${prefix}handover:` });
    const calls: string[] = [];
    let fail = true;
    const collector = new PaymentCollector({
      providers: { mtn: h.mtn },
      store,
      onSettled: (p) => {
        calls.push(p.id);
        if (fail) throw new Error("mailbox away");
      },
      ...FAST_POLLS,
      resumeEveryMs: 50,
      leaseMs: 400,
    });
    try {
      await collector.resumePending();
      const id = randomUUID();
      await collector.collect({
        id,
        amount: 15,
        payer: "06 123 45 67",
        description: "Commande 44",
        externalId: "order-44",
      });
      await collector.settled(id);
      expect(await store.get(id)).toMatchObject({ status: "succeeded", notified: false });
      fail = false;
      await until(() => calls.length >= 2);
      await until(() => calls.length === 2 && h.mtnStandIn.debits.length === 1);
      expect(calls).toEqual([id, id]);
      expect(await store.listUnfinished()).toEqual([]);
      expect(await store.get(id)).toMatchObject({ notified: true });
    } finally {
      await collector.close();
      await h.close();
    }
  });
});
