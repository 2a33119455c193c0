import { CacheConfigError, CacheUnavailableError } from "../errors.js";
import { type CacheLogger, silentLogger } from "../logger.js";
import type { RateLimitCallOptions, RateLimitResult, RateLimitRule, RateLimitStore } from "../rate-limit/types.js";
import { checkInt, checkString } from "../validation.js";
import type { RedisClientLike } from "./client.js";
import { isNoScript, runCommand, send } from "./command.js";
import { limiterScripts } from "./scripts.js";

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** An ioredis client (`new Redis(url)`), or anything with a compatible `call`. */
  client: RedisClientLike;
  /** Key prefix (default `"toktok:rl"`); keys look like `{<prefix>:<limiter>:<key>}:s`. */
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
  readonly #logger: CacheLogger;
  #downUntil = 0;

  constructor(options: RedisStoreOptions) {
    if (typeof options?.client?.call !== "function") {
      throw new CacheConfigError("client", "must be an ioredis client (an object with call(command, ...args))");
    }
    if (options.prefix !== undefined) checkString("prefix", options.prefix, true);
    checkInt("timeoutMs", options.timeoutMs, 1, true);
    checkInt("fallbackCooldownMs", options.fallbackCooldownMs, 0, true);
    if (options.fallback !== undefined && typeof options.fallback?.consume !== "function") {
      throw new CacheConfigError("fallback", "must be a rate-limit store such as new MemoryStore()");
    }
    this.#client = options.client;
    this.#prefix = options.prefix ?? "toktok:rl";
    this.#timeoutMs = options.timeoutMs ?? 1000;
    this.#fallback = options.fallback;
    this.#cooldownMs = options.fallbackCooldownMs ?? 1000;
    this.#logger = options.logger ?? silentLogger;
  }

  /** True while calls go to the fallback store. */
  get usingFallback(): boolean {
    return this.#fallback !== undefined && Date.now() < this.#downUntil;
  }

  /**
   * Every Redis key a limiter's key may use: counter, odd-window counter (fixed window), block marker. They share one
   * hash tag, hence one Cluster slot.
   */
  keysOf(name: string, key: string): [counter: string, counter2: string, block: string] {
    const tag = `{${this.#prefix}:${name}:${key}}`;
    return [tag, `${tag}1`, `${tag}b`];
  }

  /** {@inheritDoc RateLimitStore.consume} */
  consume(key: string, cost: number, rule: RateLimitRule, options?: RateLimitCallOptions): Promise<RateLimitResult> {
    if (this.#downUntil !== 0 && this.#fallback && Date.now() < this.#downUntil) {
      return this.#fallback.consume(key, cost, rule, options);
    }
    // As keysOf(), inlined (this is the hot path), passing only the keys the script will touch: fewer bytes per call.
    const tag = `{${this.#prefix}:${rule.name}:${key}}`;
    const block = rule.blockDurationMs > 0;
    const script =
      limiterScripts()[rule.algorithm === "fixed-window" && !block ? "fixed-window-no-block" : rule.algorithm];
    // [sha, numKeys, ...keys, points, duration, cost, block], built once: no spreading on the hot path.
    const command: Array<string | number> =
      rule.algorithm === "fixed-window"
        ? block
          ? [script.sha, 3, tag, `${tag}1`, `${tag}b`]
          : [script.sha, 2, tag, `${tag}1`]
        : block
          ? [script.sha, 2, tag, `${tag}b`]
          : [script.sha, 1, tag];
    command.push(rule.points, rule.duration, cost, rule.blockDurationMs);
    // EVALSHA, and EVAL once should Redis not know the script (NOSCRIPT, after a restart or SCRIPT FLUSH); the retry
    // has its own `timeoutMs`. Written out rather than through evalScript(): one promise less per check.
    const signal = options?.signal;
    const onFailure = (error: unknown) =>
      this.#onFailure(error, () => (this.#fallback as RateLimitStore).consume(key, cost, rule, options));
    // Lower-case names: ioredis lower-cases every command name it checks, a no-op copy for these.
    const onReply = (reply: unknown): RateLimitResult => {
      if (this.#downUntil !== 0) {
        this.#downUntil = 0;
        this.#logger.info("Redis rate limiter recovered");
      }
      return parseReply(reply, rule.points);
    };
    return send(this.#client, this.#timeoutMs, signal, "evalsha", command).then(onReply, (error: unknown) => {
      if (!isNoScript(error)) return onFailure(error);
      command[0] = script.source;
      return send(this.#client, this.#timeoutMs, signal, "eval", command).then(onReply, onFailure);
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

function parseReply(reply: unknown, points: number): RateLimitResult {
  if (Array.isArray(reply) && reply.length === 2) {
    // The lean fixed-window script: [used (or -used-1 when denied), ms left in the window].
    const signed = Number(reply[0]);
    const left = Number(reply[1]);
    const allowed = signed >= 0;
    const used = allowed ? signed : -signed - 1;
    return { allowed, remaining: points - used, resetMs: used > 0 ? left : 0, retryAfterMs: allowed ? 0 : left };
  }
  if (!Array.isArray(reply) || reply.length !== 4) {
    throw new CacheUnavailableError("EVALSHA", "connection", "unexpected reply from the rate-limit script");
  }
  return {
    allowed: reply[0] === 1,
    remaining: Number(reply[1]),
    resetMs: Number(reply[2]),
    retryAfterMs: Number(reply[3]),
  };
}
