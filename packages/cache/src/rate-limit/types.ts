/** How a {@link RateLimiter} counts. */
export type RateLimitAlgorithm = "sliding-window" | "token-bucket" | "fixed-window";

/** The rule a store applies: `points` per `duration` ms, by `algorithm`, with an optional block after a denial. */
export interface RateLimitRule {
  /** The limiter's namespace in the store (its `name`); keys of different limiters never mix. */
  readonly name: string;
  readonly points: number;
  readonly duration: number;
  readonly algorithm: RateLimitAlgorithm;
  /** After a denied consume, deny everything for this many ms (0 = no block). */
  readonly blockDurationMs: number;
}

/** Outcome of a consume. All durations in milliseconds. */
export interface RateLimitResult {
  /** True when the points were taken. */
  allowed: boolean;
  /** Points still available now. */
  remaining: number;
  /** Time until the key is back to its full `points` (and unblocked). */
  resetMs: number;
  /** 0 when allowed; otherwise the time after which the same request would be allowed. */
  retryAfterMs: number;
}

/** Per-call options of limiter methods. */
export interface RateLimitCallOptions {
  /** Aborts the wait on a remote store (the call rejects with a `CacheAbortError`: a `CacheUnavailableError`, reason `"aborted"`). */
  signal?: AbortSignal;
}

/**
 * Where a {@link RateLimiter} keeps its counters: {@link MemoryStore} (default) or `RedisStore` (shared by processes).
 * `key` is the caller's key; `rule.name` namespaces it. `consume` with `cost` 0 only reads.
 */
export interface RateLimitStore {
  consume(key: string, cost: number, rule: RateLimitRule, options?: RateLimitCallOptions): Promise<RateLimitResult>;
  reset(key: string, rule: RateLimitRule, options?: RateLimitCallOptions): Promise<void>;
}
