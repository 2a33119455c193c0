// The offers' jobs and their store: a redelivered job or a repeated request sends once, a WhatsApp 5xx is
// retried by the queue and a 4xx is not — on the memory store and on Redis (the store a BullMQ bot uses).
import { randomUUID } from "node:crypto";
import { MemoryJobQueue } from "@toktok/flows";
import { WhatsAppApiError } from "@toktok/whatsapp-client";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { MemoryPromotionStore, type PromotionStore, RedisPromotionStore } from "./promotion-store.ts";
import { createPromotions } from "./promotions.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const OFFER = { offer: "Livraison gratuite", priceXaf: 1000, validUntil: new Date("2026-12-31T23:59:59+01:00") };
const graphError = (status: number) =>
  new WhatsAppApiError({ code: status >= 500 ? 131000 : 100, status, message: "refused" });

/** A bot's offers with a notifier that fails as `failures` says, then sends; `sent` lists each send. */
function promotions(store: PromotionStore, failures: number[] = []) {
  const sent: string[] = [];
  const jobs = new MemoryJobQueue({ retryBaseMs: 1, retryMaxMs: 2 });
  const sender = createPromotions({
    notifier: {
      sendPromotion: async (to) => {
        const status = failures.shift();
        if (status !== undefined) throw graphError(status);
        sent.push(to);
        return { messageIds: [`wamid.${to}`], usedTemplate: true };
      },
    },
    consents: { consentOf: () => "opted_in", list: () => [] },
    jobs,
    store,
    logger: silent,
  });
  return { sender, sent, jobs };
}

function cases(makeStore: () => PromotionStore) {
  it("a repeated request and a redelivered job send each offer once", async () => {
    const { sender, sent, jobs } = promotions(makeStore());
    const first = await sender.send({ ...OFFER, recipients: ["242061230001", "242061230002"] });
    expect(first).toMatchObject({ recipients: 2, queued: 2 });
    await jobs.whenIdle();
    expect(await sender.send({ ...OFFER, recipients: ["242061230002", "242061230001"] })).toEqual({
      promotionId: first.promotionId,
      recipients: 2,
      queued: 0,
    });
    await jobs.schedule(`promotion:${first.promotionId}:242061230001`); // the queue hands the job again
    await jobs.whenIdle();
    expect(sent.sort()).toEqual(["242061230001", "242061230002"]);
    expect(await sender.status(first.promotionId)).toMatchObject({ recipients: 2, pending: 0, sent: 2, failed: 0 });
    await jobs.close();
  });

  it("a 5xx is retried until it sends; a 4xx counts as failed at once", async () => {
    const retried = promotions(makeStore(), [503, 500]);
    const a = await retried.sender.send({ ...OFFER, recipients: ["242061230003"] });
    await retried.jobs.whenIdle();
    await expect.poll(async () => (await retried.sender.status(a.promotionId))?.pending).toBe(0);
    expect(retried.sent).toEqual(["242061230003"]);
    expect(await retried.sender.status(a.promotionId)).toMatchObject({ sent: 1, failed: 0 });
    await retried.jobs.close();

    const refused = promotions(makeStore(), [400, 400]);
    const b = await refused.sender.send({ ...OFFER, offer: "Autre", recipients: ["242061230004"] });
    await expect.poll(async () => (await refused.sender.status(b.promotionId))?.pending).toBe(0);
    expect(refused.sent).toEqual([]);
    expect(await refused.sender.status(b.promotionId)).toMatchObject({ sent: 0, failed: 1 });
    await refused.jobs.close();
  });
}

describe("promotions on the memory store", () => cases(() => new MemoryPromotionStore()));

describeWithRedis("promotions on the Redis store", () => {
  const redis = new Redis(services().redisUrl);
  afterAll(() => redis.quit());
  cases(() => {
    // A namespace per case: each store sees only its own offers (ids are derived from the body).
    const prefix = randomUUID();
    const store = new RedisPromotionStore(redis);
    return {
      create: (id, p) => store.create(`${prefix}-${id}`, p),
      get: (id) => store.get(`${prefix}-${id}`),
      settle: (id, to, o) => store.settle(`${prefix}-${id}`, to, o),
      outcomes: (id) => store.outcomes(`${prefix}-${id}`),
    };
  });

  it("keeps the offer's date a Date and the first offer recorded under an id", async () => {
    const store = new RedisPromotionStore(redis);
    const id = `t-${randomUUID()}`;
    await store.create(id, { request: OFFER, recipients: ["242061230005"] });
    const second = await store.create(id, { request: { ...OFFER, offer: "Autre" }, recipients: [] });
    expect(second.request.offer).toBe(OFFER.offer);
    expect((await store.get(id))?.request.validUntil).toEqual(OFFER.validUntil);
    expect(await store.settle(id, "242061230005", "sent")).toBe(true);
    expect(await store.settle(id, "242061230005", "failed")).toBe(false);
    expect(await store.outcomes(id)).toEqual({ "242061230005": "sent" });
  });
});
