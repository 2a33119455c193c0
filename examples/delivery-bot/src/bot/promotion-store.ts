// Where a promotional offer waits while its jobs send it: the offer itself, who it is for, and each
// recipient's outcome. The job queue carries only keys, so each job reads its offer here; the first outcome
// recorded for a recipient is final, which keeps a redelivered job or a retried request from sending twice.
import type { Cluster, Redis } from "ioredis";
import type { PromotionRequest, PromotionSkipReason } from "../dashboard-api/promotion-port.ts";

/** A recipient's final outcome: sent, skipped by the gate (with why), or refused by WhatsApp for good. */
export type RecipientOutcome = "sent" | "failed" | PromotionSkipReason;

/** An offer being sent: what `POST /promotions` asked, with its recipients resolved once. */
export interface StoredPromotion {
  request: PromotionRequest;
  recipients: readonly string[];
}

/** Offers and their outcomes, in memory (one process) or on Redis (shared, kept across restarts). */
export interface PromotionStore {
  /** Records the offer under `id` unless one is there already; resolves the one kept (the first). */
  create(id: string, promotion: StoredPromotion): Promise<StoredPromotion>;
  get(id: string): Promise<StoredPromotion | undefined>;
  /** Records `outcome` for `waId` unless one is recorded: true when this call recorded it. */
  settle(id: string, waId: string, outcome: RecipientOutcome): Promise<boolean>;
  /** Every recipient's outcome recorded so far. */
  outcomes(id: string): Promise<Record<string, RecipientOutcome>>;
}

/** The store of a bot without Redis. */
export class MemoryPromotionStore implements PromotionStore {
  readonly #promotions = new Map<string, StoredPromotion>();
  readonly #outcomes = new Map<string, Map<string, RecipientOutcome>>();

  async create(id: string, promotion: StoredPromotion): Promise<StoredPromotion> {
    const kept = this.#promotions.get(id);
    if (kept) return kept;
    this.#promotions.set(id, promotion);
    return promotion;
  }
  async get(id: string): Promise<StoredPromotion | undefined> {
    return this.#promotions.get(id);
  }
  async settle(id: string, waId: string, outcome: RecipientOutcome): Promise<boolean> {
    const outcomes = this.#outcomes.get(id) ?? new Map<string, RecipientOutcome>();
    this.#outcomes.set(id, outcomes);
    if (outcomes.has(waId)) return false;
    outcomes.set(waId, outcome);
    return true;
  }
  async outcomes(id: string): Promise<Record<string, RecipientOutcome>> {
    return Object.fromEntries(this.#outcomes.get(id) ?? []);
  }
}

/** How long an offer and its outcomes are kept on Redis: long enough to read its counts, then forgotten. */
const KEEP_SECONDS = 30 * 24 * 3600;

/**
 * The store of a bot on Redis: the offer as JSON (`SET NX`, the first request wins) and the outcomes in a
 * hash (`HSETNX`, the first outcome wins), both in one hash-tag slot per offer for a cluster.
 */
export class RedisPromotionStore implements PromotionStore {
  readonly #redis: Redis | Cluster;
  constructor(redis: Redis | Cluster) {
    this.#redis = redis;
  }
  #key = (id: string) => `toktok:promotion:{${id}}`;

  async create(id: string, promotion: StoredPromotion): Promise<StoredPromotion> {
    await this.#redis.set(this.#key(id), JSON.stringify(promotion), "EX", KEEP_SECONDS, "NX");
    return (await this.get(id)) ?? promotion;
  }
  async get(id: string): Promise<StoredPromotion | undefined> {
    const raw = await this.#redis.get(this.#key(id));
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as StoredPromotion & { request: { validUntil: string } };
    // JSON keeps the date as its ISO text: the template wants a Date back.
    return { ...parsed, request: { ...parsed.request, validUntil: new Date(parsed.request.validUntil) } };
  }
  async settle(id: string, waId: string, outcome: RecipientOutcome): Promise<boolean> {
    const key = `${this.#key(id)}:outcomes`;
    const recorded = (await this.#redis.hsetnx(key, waId, outcome)) === 1;
    if (recorded) await this.#redis.expire(key, KEEP_SECONDS);
    return recorded;
  }
  async outcomes(id: string): Promise<Record<string, RecipientOutcome>> {
    return (await this.#redis.hgetall(`${this.#key(id)}:outcomes`)) as Record<string, RecipientOutcome>;
  }
}
