import { CacheUnavailableError, CacheValidationError } from "../errors.js";
import { type CacheLogger, silentLogger } from "../logger.js";
import type { RateLimitCallOptions, RateLimitResult, RateLimitRule, RateLimitStore } from "../rate-limit/types.js";
import { checkBoolean, checkInt, checkString } from "../validation.js";
import type { RedisClientLike } from "./client.js";
import { coalesceWrites } from "./coalesce-writes.js";
import { exchange, isNoScript, runCommand } from "./command.js";
import { type LimiterPlan, planLimiter } from "./limiter-plan.js";

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** An ioredis client (`new Redis(url)`), or anything with a compatible `call`. */
  client: RedisClientLike;
  /** Key prefix (default `"toktok:rl"`); keys look like `{<prefix>:<limiter>:<key>}` (plus `b` for a block). */
  prefix?: string;
  /** Longest wait for Redis per call, in ms (default 1 000); then `CacheUnavailableError` or the fallback. */
  timeoutMs?: number;
  /**
   * Store used while Redis is unavailable (typically `new MemoryStore()`): limits then hold per process only.
   * Without it, calls reject with `CacheUnavailableError`.
   */
  fallback?: RateLimitStore;
  /** After a failure, use the fallback without trying Redis for this long, in ms (default 1 000). */
  fallbackCooldownMs?: number;
  /**
   * Group the socket writes of checks issued in the same tick (default `true`): the client's socket is corked and
   * flushed every 4 checks and at `process.nextTick`, saving most write system calls under bursts. Each check stays
   * its own EVALSHA and reply. Ignored for clients without a socket of their own (`Cluster`).
   */
  coalesceWrites?: boolean;
  logger?: CacheLogger;
}

/**
 * Rate-limit counters in Redis, shared by every process: each check is one atomic Lua round trip (EVALSHA) timed by
 * Redis' own clock; every key carries an expiry; one user's keys share a hash slot (Redis Cluster).
 * @example
 * const store = new RedisStore({ client: new Redis(process.env.REDIS_URL), fallback: new MemoryStore() });
 * const limiter = new RateLimiter({ points: 80, duration: 1000, store });
 */
export class RedisStore implements RateLimitStore {
  readonly #client: RedisClientLike;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #fallback: RateLimitStore | undefined;
  readonly #cooldownMs: number;
  readonly #coalesce: boolean;
  readonly #logger: CacheLogger;
  #downUntil = 0;
  // Per rule (a RateLimiter passes the same rule object on every call); weak, so dropped limiters leave nothing.
  readonly #plans = new WeakMap<RateLimitRule, LimiterPlan>();

  constructor(options: RedisStoreOptions) {
    if (typeof options?.client?.call !== "function") {
      throw new CacheValidationError("client", "must be an ioredis client (an object with call(command, ...args))");
    }
    if (options.prefix !== undefined) checkString(options.prefix, "prefix", true);
    checkInt(options.timeoutMs, "timeoutMs", 1, true);
    checkInt(options.fallbackCooldownMs, "fallbackCooldownMs", 0, true);
    checkBoolean(options.coalesceWrites, "coalesceWrites");
    if (options.fallback !== undefined && typeof options.fallback?.consume !== "function") {
      throw new CacheValidationError("fallback", "must be a rate-limit store such as new MemoryStore()");
    }
    this.#client = options.client;
    this.#prefix = options.prefix ?? "toktok:rl";
    this.#timeoutMs = options.timeoutMs ?? 1000;
    this.#fallback = options.fallback;
    this.#cooldownMs = options.fallbackCooldownMs ?? 1000;
    this.#coalesce = options.coalesceWrites ?? true;
    this.#logger = options.logger ?? silentLogger;
  }

  /** True while calls go to the fallback store. */
  get usingFallback(): boolean {
    return this.#fallback !== undefined && Date.now() < this.#downUntil;
  }

  /**
   * Every Redis key a limiter's key may use: its counter and its block marker. They share one hash tag, hence one
   * Cluster slot.
   */
  keysOf(name: string, key: string): [counter: string, block: string] {
    const tag = `{${this.#prefix}:${name}:${key}}`;
    return [tag, `${tag}b`];
  }

  /** {@inheritDoc RateLimitStore.consume} */
  consume(key: string, cost: number, rule: RateLimitRule, options?: RateLimitCallOptions): Promise<RateLimitResult> {
    if (this.#downUntil !== 0 && this.#fallback && Date.now() < this.#downUntil) {
      return this.#fallback.consume(key, cost, rule, options);
    }
    let plan = this.#plans.get(rule);
    if (plan === undefined) {
      plan = planLimiter(this.#prefix, rule);
      this.#plans.set(rule, plan);
    }
    const { script, parse } = plan;
    const command = plan.command(key, cost);
    const signal = options?.signal;
    const onReply = (reply: unknown): RateLimitResult => {
      if (this.#downUntil !== 0) {
        this.#downUntil = 0;
        this.#logger.info("Redis rate limiter recovered");
      }
      return parse(reply);
    };
    const onFailure = (error: Error) =>
      this.#onFailure(error, () => (this.#fallback as RateLimitStore).consume(key, cost, rule, options));
    if (this.#coalesce) coalesceWrites(this.#client);
    // EVALSHA, and EVAL once should Redis not know the script (NOSCRIPT, after a restart or SCRIPT FLUSH); the retry
    // has its own `timeoutMs`. Lower-case names: ioredis lower-cases every command name it checks, a no-op for these.
    return exchange(this.#client, this.#timeoutMs, signal, "evalsha", command, onReply, (error) => {
      if (!isNoScript(error)) return onFailure(error);
      command[0] = script.source;
      return exchange(this.#client, this.#timeoutMs, signal, "eval", command, onReply, onFailure);
    });
  }

  /** {@inheritDoc RateLimitStore.reset} */
  async reset(key: string, rule: RateLimitRule, options?: RateLimitCallOptions): Promise<void> {
    await this.#fallback?.reset(key, rule, options);
    try {
      await runCommand(this.#client, this.#timeoutMs, options?.signal, "DEL", ...this.keysOf(rule.name, key));
    } catch (error) {
      await this.#onFailure(error, () => Promise.resolve());
    }
  }

  #onFailure<T>(error: unknown, useFallback: () => Promise<T>): Promise<T> {
    const usable = CacheUnavailableError.isInstance(error) && error.reason !== "aborted";
    if (!usable || !this.#fallback) return Promise.reject(error);
    if (Date.now() >= this.#downUntil) {
      this.#logger.warn("Redis rate limiter unavailable; using the in-memory fallback", {
        reason: error.reason,
        message: error.message,
      });
    }
    this.#downUntil = Date.now() + this.#cooldownMs;
    return useFallback();
  }
}
