import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import type { StoredPayment } from "./payment-store.js";
import { RedisPaymentStore } from "./redis-payment-store.js";

const prefix = `test:payments-late:${randomUUID()}:`;
let redis: Redis;

const watched = (id: string): StoredPayment => ({
  id,
  operator: "mtn",
  amount: 7500,
  currency: "XAF",
  externalId: "order-42",
  payer: "06 123 45 67",
  description: "Commande 42",
  status: "pending",
  phase: "requested",
  requestAttempts: 1,
  createdAt: 1_000,
  expiresAt: 2_000,
  notified: false,
});

describeWithRedis("RedisPaymentStore — watching a payment failed as expired (real Redis)", () => {
  beforeAll(() => {
    redis = new Redis(services().redisUrl, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("keeps a watched payment listed after notification, turns a late success into an unnotified success once", async () => {
    const store = new RedisPaymentStore({ client: redis, prefix });
    const id = randomUUID();
    await store.create(watched(id));
    await store.settle(id, { status: "failed", reason: "expired", settledAt: 2_000, lateCheckUntil: 9_000 });
    await store.markNotified(id);
    expect((await store.listUnfinished()).map((p) => p.id)).toEqual([id]); // still watched
    const late = await store.settleLate(id, { succeeded: true, at: 3_000, providerTransactionId: "MTN-1" });
    expect(late).toMatchObject({ status: "succeeded", lateSuccess: true, notified: false, settledAt: 3_000 });
    expect(late?.reason).toBeUndefined();
    expect(late?.lateCheckUntil).toBeUndefined();
    expect(await store.settleLate(id, { succeeded: true, at: 4_000 })).toBeUndefined(); // once
    await store.markNotified(id);
    expect(await store.listUnfinished()).toEqual([]);
  });

  it("ends a watch without success, keeping the provider's reason, and forgets it", async () => {
    const store = new RedisPaymentStore({ client: redis, prefix });
    const id = randomUUID();
    await store.create(watched(id));
    await store.settle(id, { status: "failed", reason: "expired", settledAt: 2_000, lateCheckUntil: 9_000 });
    await store.markNotified(id);
    expect(
      await store.settleLate(id, { succeeded: false, at: 3_000, providerReason: "APPROVAL_REJECTED" }),
    ).toMatchObject({ status: "failed", reason: "expired", providerReason: "APPROVAL_REJECTED", notified: true });
    expect(await store.listUnfinished()).toEqual([]);
  });
});
