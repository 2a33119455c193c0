import type { Clock } from "../clock.js";
import { CacheValidationError } from "../errors.js";
import { checkFunction, checkInt, checkOneOf, checkString } from "../validation.js";
import { MemoryStore } from "./memory-store.js";
import { presetRules } from "./presets.js";
import type {
  RateLimitAlgorithm,
  RateLimitCallOptions,
  RateLimitResult,
  RateLimitRule,
  RateLimitStore,
} from "./types.js";

/** Options a preset lets you change; its points, duration and algorithm are fixed. */
export type PresetOptions = Pick<RateLimiterOptions, "store" | "blockDurationMs" | "now" | "name">;

/** Factories of {@link RateLimiter.presets}. */
export interface RateLimiterPresets {
  /** 30 requests per minute per user, sliding window. Key: the user id. */
  backendApi(options?: PresetOptions): RateLimiter;
  /** 80 sends per second per business phone number, sliding window. Key: the phone number id. */
  whatsappSends(options?: PresetOptions): RateLimiter;
  /** 1 message per 6 s to one recipient, token bucket. Key: `<phoneNumberId>:<recipient>`. */
  whatsappPerRecipient(options?: PresetOptions): RateLimiter;
}

const algorithms: readonly RateLimitAlgorithm[] = ["sliding-window", "token-bucket", "fixed-window"];
// Short, because the name is part of every Redis key and bytes on the wire cost time.
const abbreviations = { "sliding-window": "sw", "token-bucket": "tb", "fixed-window": "fw" } as const;

/** Options of {@link RateLimiter}. All durations in milliseconds. */
export interface RateLimiterOptions {
  /** Points available per `duration`. */
  points: number;
  /** Length of the window (or, for the token bucket, the time to refill all `points`), in ms. */
  duration: number;
  /** Default `"sliding-window"` (exact: no span of `duration` ms ever admits more than `points`). */
  algorithm?: RateLimitAlgorithm;
  /** Where counters live; default a new {@link MemoryStore}. Use a `RedisStore` to share them between processes. */
  store?: RateLimitStore;
  /** After a denied consume, deny every consume of that key for this many ms. Default 0 (no block). */
  blockDurationMs?: number;
  /** Namespace of this limiter's keys in its store; default `"<sw|tb|fw>:<points>:<duration>"`. */
  name?: string;
  /** Clock of the default memory store (ignored when `store` is given; a `RedisStore` uses Redis server time). */
  now?: Clock;
}

/**
 * Rate limiter with sliding-window, token-bucket or fixed-window counting, in memory or on Redis.
 * @example
 * const limiter = new RateLimiter({ points: 30, duration: 60_000 });
 * const { allowed, retryAfterMs } = await limiter.consume(`user:${userId}`);
 * if (!allowed) return reply(429, { retryAfterMs });
 */
export class RateLimiter {
  /**
   * Ready-made limiters (rules in {@link presetRules}): `backendApi()` 30/min per user, `whatsappSends()` 80/s per
   * business number, `whatsappPerRecipient()` 1 per 6 s per recipient. Each takes the options it lets you change.
   * @example
   * const sends = RateLimiter.presets.whatsappSends({ store: new RedisStore({ client: redis }) });
   * await sends.consume(phoneNumberId);
   */
  static readonly presets: RateLimiterPresets = {
    backendApi: (options = {}) =>
      new RateLimiter({ ...options, ...presetRules.backendApi, name: options.name ?? presetRules.backendApi.name }),
    whatsappSends: (options = {}) =>
      new RateLimiter({
        ...options,
        ...presetRules.whatsappSends,
        name: options.name ?? presetRules.whatsappSends.name,
      }),
    whatsappPerRecipient: (options = {}) =>
      new RateLimiter({
        ...options,
        ...presetRules.whatsappPerRecipient,
        name: options.name ?? presetRules.whatsappPerRecipient.name,
      }),
  };

  readonly points: number;
  readonly duration: number;
  readonly algorithm: RateLimitAlgorithm;
  readonly blockDurationMs: number;
  readonly name: string;
  readonly store: RateLimitStore;
  readonly #rule: RateLimitRule;

  constructor(options: RateLimiterOptions) {
    checkInt(options?.points, "points", 1);
    checkInt(options.duration, "duration", 1);
    if (options.algorithm !== undefined) checkOneOf(options.algorithm, "algorithm", algorithms);
    checkInt(options.blockDurationMs, "blockDurationMs", 0, true);
    if (options.name !== undefined) checkString(options.name, "name", true);
    checkFunction(options.now, "now");
    if (options.store !== undefined && typeof options.store?.consume !== "function") {
      throw new CacheValidationError("store", "must implement consume(key, cost, rule) and reset(key, rule)");
    }
    this.points = options.points;
    this.duration = options.duration;
    this.algorithm = options.algorithm ?? "sliding-window";
    this.blockDurationMs = options.blockDurationMs ?? 0;
    this.name = options.name ?? `${abbreviations[this.algorithm]}:${this.points}:${this.duration}`;
    this.store = options.store ?? new MemoryStore(options.now ? { now: options.now } : {});
    this.#rule = {
      name: this.name,
      points: this.points,
      duration: this.duration,
      algorithm: this.algorithm,
      blockDurationMs: this.blockDurationMs,
    };
  }

  /**
   * Takes `cost` points (default 1) from `key` if they are available.
   * @returns whether they were taken, what remains, and when to retry.
   */
  consume(key: string, cost = 1, options?: RateLimitCallOptions): Promise<RateLimitResult> {
    if (typeof key !== "string" || key.length === 0) return reject("key", "must be a non-empty string");
    if (cost !== 1 && (!Number.isInteger(cost) || cost < 1 || cost > this.points)) {
      return reject("cost", `must be an integer from 1 to points (${this.points})`);
    }
    return this.store.consume(key, cost, this.#rule, options);
  }

  /** Consumes one point and tells only whether it was allowed. */
  async isAllowed(key: string, options?: RateLimitCallOptions): Promise<boolean> {
    return (await this.consume(key, 1, options)).allowed;
  }

  /** Points available to `key` now, without consuming any. */
  async getRemaining(key: string, options?: RateLimitCallOptions): Promise<number> {
    if (typeof key !== "string" || key.length === 0) return reject("key", "must be a non-empty string");
    return (await this.store.consume(key, 0, this.#rule, options)).remaining;
  }

  /** Forgets `key`: full points again, block lifted. */
  reset(key: string, options?: RateLimitCallOptions): Promise<void> {
    if (typeof key !== "string" || key.length === 0) return reject("key", "must be a non-empty string");
    return this.store.reset(key, this.#rule, options);
  }
}

function reject(field: string, rule: string): Promise<never> {
  return Promise.reject(new CacheValidationError(field, rule));
}
