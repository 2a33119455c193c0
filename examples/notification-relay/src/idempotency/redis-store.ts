import type { Redis } from "ioredis";
import type { Claim, IdempotencyStore, RelayOutcome } from "./types.ts";

/** Many relay processes: `SET key processing NX PX ttl` claims an id, the outcome replaces it. */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = "toktok:relay:event:") {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async begin(eventId: string, ttlMs: number): Promise<Claim> {
    const key = this.#prefix + eventId;
    const claimed = await this.#redis.set(key, JSON.stringify({ state: "processing" }), "PX", ttlMs, "NX");
    if (claimed === "OK") return { state: "new" };
    const raw = await this.#redis.get(key);
    // Expired between the two calls: claim again.
    if (raw === null) return this.begin(eventId, ttlMs);
    const stored = JSON.parse(raw) as { state: "processing" } | { state: "done"; outcome: RelayOutcome };
    return stored;
  }

  async complete(eventId: string, outcome: RelayOutcome, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#prefix + eventId, JSON.stringify({ state: "done", outcome }), "PX", ttlMs);
  }

  async release(eventId: string): Promise<void> {
    await this.#redis.del(this.#prefix + eventId);
  }
}
