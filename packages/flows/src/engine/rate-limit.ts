import { LRUCache } from "lru-cache";

/**
 * A per-user rate limiter; `RateLimiter` of `@toktok/cache` satisfies it
 * (e.g. its preset of 30 messages a minute per user).
 */
export interface RateLimiterLike {
  consume(key: string, cost?: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** Remembers who was already told to slow down in the current window, so a flood gets one notice, not one per message. */
export class SlowDownNotices {
  readonly #told = new LRUCache<string, true>({ max: 10_000, ttl: 60_000, ttlAutopurge: false });

  /** True the first time in `windowMs` for this user. */
  shouldTell(userId: string, windowMs: number): boolean {
    if (this.#told.has(userId)) return false;
    this.#told.set(userId, true, { ttl: Math.max(1_000, windowMs) });
    return true;
  }
}
