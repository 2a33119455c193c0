import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import { CacheUnavailableError, CacheValidationError } from "../errors.js";
import { type CacheLogger, silentLogger } from "../logger.js";
import type { TtlCacheStats } from "../ttl-cache/stats.js";
import { TtlCache } from "../ttl-cache/ttl-cache.js";
import { checkFunction, checkInt, checkString } from "../validation.js";
import { RedisCache, type RedisCallOptions, type RedisSetOptions } from "./cache.js";
import type { RedisDuplicableLike, RedisSubscriberLike } from "./client.js";
import { InvalidationBus } from "./invalidation-bus.js";
import { tryLock } from "./lock.js";

/** Options of {@link TieredCache}. All durations in milliseconds. */
export interface TieredCacheOptions {
  /** An ioredis client; a second connection for pub/sub is opened with `client.duplicate()`. */
  client: RedisDuplicableLike;
  /** Use this connection for pub/sub instead of duplicating `client` (it is then yours to close). */
  subscriber?: RedisSubscriberLike;
  /** Key prefix in Redis (default `"toktok:cache"`); also names the invalidation channel `<prefix>:invalidate`. */
  prefix?: string;
  /** Time to live in Redis (L2). */
  ttl: number;
  /** In-memory tier: `ttl` (default `min(ttl, 60 000)`, bounds staleness should a message be lost) and `max`. */
  l1?: { ttl?: number; max?: number };
  /**
   * `wrap`'s fleet-wide lock: held `ttlMs` (default 5 000, extended while computing); other processes wait up to
   * `waitMs` (default 5 000) for the value, checking every `pollMs` (default 100) or when notified, then compute it
   * themselves.
   */
  lock?: { ttlMs?: number; waitMs?: number; pollMs?: number };
  /** Longest wait for Redis per command (default 1 000). */
  timeoutMs?: number;
  /** Clock of the in-memory tier. */
  now?: Clock;
  logger?: CacheLogger;
}

/** Counters of a {@link TieredCache}: its L1 stats plus what crossed processes. */
export interface TieredCacheStats {
  l1: TtlCacheStats;
  /** L1 misses answered by Redis. */
  l2Hits: number;
  /** L1 misses that Redis did not have either. */
  l2Misses: number;
  /** Invalidations received from other processes. */
  invalidationsReceived: number;
  /** `wrap` computations run by this process. */
  computed: number;
  /** `wrap` calls that waited for another process's computation. */
  lockWaits: number;
}

/**
 * An in-memory {@link TtlCache} in front of a {@link RedisCache}, kept coherent across processes: `set`, `delete` and
 * `deleteByPrefix` are broadcast over Redis pub/sub so every process drops its stale L1 copy, and `wrap` takes a short
 * Redis lock so that one process in the whole fleet computes a missing value while the others wait for it.
 * @example
 * const catalogue = new TieredCache<Product[]>({ client: redis, ttl: 300_000, prefix: "catalogue" });
 * await catalogue.whenReady();
 * const products = await catalogue.wrap(`merchant:${id}`, () => backend.products(id)); // one call fleet-wide
 */
export class TieredCache<V = unknown> {
  /** Identifies this instance in invalidation messages (its own messages are ignored). */
  readonly instanceId: string = randomUUID();
  readonly l1: TtlCache<V>;
  readonly l2: RedisCache<V>;
  readonly #client: RedisDuplicableLike;
  readonly #bus: InvalidationBus;
  readonly #timeoutMs: number;
  readonly #lockTtlMs: number;
  readonly #waitMs: number;
  readonly #pollMs: number;
  readonly #logger: CacheLogger;
  readonly #inflight = new Map<string, Promise<V>>();
  #l2Hits = 0;
  #l2Misses = 0;
  #computed = 0;
  #lockWaits = 0;
  #closed = false;

  constructor(options: TieredCacheOptions) {
    if (typeof options?.client?.call !== "function" || typeof options.client.duplicate !== "function") {
      throw new CacheValidationError("client", "must be an ioredis client (call and duplicate)");
    }
    if (options.prefix !== undefined) checkString(options.prefix, "prefix", true);
    checkInt(options.ttl, "ttl", 1);
    checkInt(options.l1?.ttl, "l1.ttl", 1, true);
    checkInt(options.l1?.max, "l1.max", 1, true);
    checkInt(options.lock?.ttlMs, "lock.ttlMs", 1, true);
    checkInt(options.lock?.waitMs, "lock.waitMs", 0, true);
    checkInt(options.lock?.pollMs, "lock.pollMs", 1, true);
    checkInt(options.timeoutMs, "timeoutMs", 1, true);
    checkFunction(options.now, "now");
    const prefix = options.prefix ?? "toktok:cache";
    this.#client = options.client;
    this.#timeoutMs = options.timeoutMs ?? 1000;
    this.#lockTtlMs = options.lock?.ttlMs ?? 5000;
    this.#waitMs = options.lock?.waitMs ?? 5000;
    this.#pollMs = options.lock?.pollMs ?? 100;
    this.#logger = options.logger ?? silentLogger;
    this.l1 = new TtlCache<V>({
      ttl: options.l1?.ttl ?? Math.min(options.ttl, 60_000),
      max: options.l1?.max ?? 10_000,
      ...(options.now ? { now: options.now } : {}),
    });
    this.l2 = new RedisCache<V>({ client: options.client, prefix, ttl: options.ttl, timeoutMs: this.#timeoutMs });
    this.#bus = new InvalidationBus({
      client: options.client,
      subscriber: options.subscriber ?? options.client.duplicate(),
      ownsSubscriber: options.subscriber === undefined,
      channel: `${prefix}:invalidate`,
      instanceId: this.instanceId,
      timeoutMs: this.#timeoutMs,
      logger: this.#logger,
      onRemote: (op, key) => {
        if (op === "prefix") this.l1.deleteByPrefix(key);
        else this.l1.delete(key);
      },
      // After a (re)connect, messages sent while we were away are lost: drop L1 rather than serve what they
      // invalidated. (On the first connect L1 is empty or nearly: clearing it costs nothing.)
      onReconnect: () => this.l1.clear(),
    });
  }

  /** Resolves once this instance receives invalidations (call it before relying on coherence). */
  whenReady(): Promise<void> {
    return this.#bus.ready;
  }

  /** L1, then Redis (copying a hit into L1). */
  async get(key: string, options?: RedisCallOptions): Promise<V | undefined> {
    const local = this.l1.get(key);
    if (local !== undefined) return local;
    const remote = await this.l2.get(key, options);
    if (remote === undefined) this.#l2Misses++;
    else {
      this.#l2Hits++;
      this.l1.set(key, remote);
    }
    return remote;
  }

  /** Writes Redis then L1, and tells the other processes to drop their copy (even when the write failed). */
  async set(key: string, value: V, options?: RedisSetOptions): Promise<void> {
    await this.#thenPublish("set", key, options?.signal, async () => {
      await this.l2.set(key, value, options);
      this.l1.set(key, value);
    });
  }

  /** Removes `key` here, in Redis and in every other process's L1. */
  delete(key: string, options?: RedisCallOptions): Promise<boolean> {
    this.l1.delete(key);
    return this.#thenPublish("del", key, options?.signal, () => this.l2.delete(key, options));
  }

  /**
   * Removes every key starting with `prefix` here, in Redis (SCAN + UNLINK, every master of a Cluster) and in every
   * other L1. The invalidation is published even when the Redis delete fails (which may have removed part of the
   * keys), so no process keeps serving a copy; the delete's error is then thrown.
   */
  deleteByPrefix(prefix: string, options?: RedisCallOptions): Promise<number> {
    this.l1.deleteByPrefix(prefix);
    return this.#thenPublish("prefix", prefix, options?.signal, () => this.l2.deleteByPrefix(prefix, options));
  }

  // Runs a Redis write, then broadcasts the invalidation whatever its outcome: a failed or timed-out write may still
  // have changed Redis, and an L1 elsewhere must not outlive it. The write's error wins over a failed publish (logged).
  async #thenPublish<T>(
    op: "set" | "del" | "prefix",
    key: string,
    signal: AbortSignal | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await write();
    } catch (error) {
      // Not the caller's signal: an abort that stopped the write must not also stop the invalidation.
      await this.#bus.publish(op, key, undefined).catch((publishError: unknown) => {
        this.#logger.warn("cache invalidation not published after a failed write", { key, op, error: publishError });
      });
      throw error;
    }
    await this.#bus.publish(op, key, signal);
    return result;
  }

  /**
   * The cached value, or `fn()`'s result — computed by ONE process in the whole fleet: the first to miss takes a short
   * Redis lock and computes; the others wait (notified over pub/sub, polling as a backstop) and read its value. A
   * waiter that has waited `lock.waitMs` computes itself. When Redis is unavailable the value is computed locally and
   * kept in L1 only.
   * @example
   * const fx = await cache.wrap("fx:XAF", () => fetchRates("XAF"), { ttl: 60_000 });
   */
  wrap(key: string, fn: () => V | Promise<V>, options?: RedisSetOptions): Promise<V> {
    const local = this.l1.get(key);
    if (local !== undefined) return Promise.resolve(local);
    const running = this.#inflight.get(key);
    if (running) return running;
    const load = this.#fill(key, fn, options).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, load);
    return load;
  }

  /** Current counters. */
  stats(): TieredCacheStats {
    return {
      l1: this.l1.stats(),
      l2Hits: this.#l2Hits,
      l2Misses: this.#l2Misses,
      invalidationsReceived: this.#bus.received,
      computed: this.#computed,
      lockWaits: this.#lockWaits,
    };
  }

  /** Stops listening for invalidations and closes the pub/sub connection it opened. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.l1.stop();
    await this.#bus.close();
  }

  /** Same as {@link TieredCache.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #fill(key: string, fn: () => V | Promise<V>, options: RedisSetOptions | undefined): Promise<V> {
    const signal = options?.signal;
    const deadline = Date.now() + this.#waitMs;
    let waited = false;
    try {
      for (;;) {
        const remote = await this.l2.get(key, { ...(signal ? { signal } : {}) });
        if (remote !== undefined) {
          this.#l2Hits++;
          this.l1.set(key, remote);
          return remote;
        }
        const lock = await tryLock(
          this.#client,
          `${this.l2.prefix}:lock:${key}`,
          this.#lockTtlMs,
          this.#timeoutMs,
          signal,
        );
        if (lock) {
          try {
            // Another process may have stored the value between our read and our lock.
            const again = await this.l2.get(key, { ...(signal ? { signal } : {}) });
            if (again !== undefined) {
              this.l1.set(key, again);
              return again;
            }
            this.#l2Misses++;
            return await this.#compute(key, fn, options);
          } finally {
            await lock
              .release()
              .catch((error: unknown) => this.#logger.warn("cache lock release failed", { key, error }));
          }
        }
        if (!waited) {
          waited = true;
          this.#lockWaits++;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          this.#logger.warn("cache wrap waited too long for another process; computing here", { key });
          return await this.#compute(key, fn, options);
        }
        await this.#bus.waitFor(key, Math.min(this.#pollMs, left));
      }
    } catch (error) {
      if (!CacheUnavailableError.isInstance(error) || error.reason === "aborted") throw error;
      this.#logger.warn("Redis unavailable in cache wrap; computing locally", { key, message: error.message });
      const value = await fn();
      this.#computed++;
      if (value !== undefined) this.l1.set(key, value);
      return value;
    }
  }

  async #compute(key: string, fn: () => V | Promise<V>, options: RedisSetOptions | undefined): Promise<V> {
    const value = await fn();
    this.#computed++;
    if (value !== undefined) await this.set(key, value, options);
    return value;
  }
}
