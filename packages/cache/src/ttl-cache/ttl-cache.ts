import { LRUCache } from "lru-cache";
import type { Clock } from "../clock.js";
import { type CacheLogger, silentLogger } from "../logger.js";
import { checkFunction, checkInt } from "../validation.js";
import type { TtlCacheOptions, TtlSetOptions, WrapOptions } from "./options.js";
import { renderStatsTable, type TtlCacheStats } from "./stats.js";

interface Flight<V> {
  promise: Promise<V>;
  // Set when the key is deleted/cleared while the load runs: the result still answers the waiters but is not stored.
  invalidated: boolean;
}

/**
 * In-memory LRU cache with per-entry TTL, single-flight `wrap` and stale-while-revalidate, on lru-cache.
 * Keys are strings; `undefined` is never stored (use `null` for "known to be absent").
 * @example
 * const users = new TtlCache<User>({ ttl: 60_000, max: 5_000 });
 * const user = await users.wrap(`user:${id}`, () => db.findUser(id)); // concurrent misses share one query
 * users.deleteByPrefix("user:");
 */
export class TtlCache<V = unknown> {
  // Plain (TypeScript-private) fields rather than #private ones on the `get` hot path: their bytecode is smaller,
  // which keeps lru-cache's `get` within V8's inlining budget when inlined through ours.
  private readonly lru: LRUCache<string, V & {}>;
  readonly #clock: Clock;
  readonly #ttl: number;
  readonly #logger: CacheLogger;
  readonly #inflight = new Map<string, Flight<V>>();
  // Only entries written with staleWhileRevalidate: the instant they turn stale. Kept out of the value so `get` stays
  // a bare lru-cache lookup.
  readonly #staleAt = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  private hits = 0;
  #misses = 0;
  #sets = 0;
  #expired = 0;
  // Evictions are derived (added − removed by us − size) rather than observed through lru-cache's `dispose`
  // callback: an instance with `dispose` makes V8 optimise `get` far less reliably (measured: 0.66–0.99× of a bare
  // lru-cache instead of a steady ~1×).
  #added = 0;
  #removed = 0;
  #coalesced = 0;
  #staleHits = 0;
  #refreshErrors = 0;

  constructor(options: TtlCacheOptions<V>) {
    checkInt(options?.ttl, "ttl", 0);
    checkInt(options.max, "max", 1, true);
    checkInt(options.maxSize, "maxSize", 1, true);
    checkInt(options.cleanupIntervalMs, "cleanupIntervalMs", 1, true);
    checkFunction(options.sizeCalculation, "sizeCalculation");
    checkFunction(options.now, "now");
    const userClock = options.now;
    // Default: the `performance` object current at construction, handed to lru-cache as is — so a cache created
    // after `vi.useFakeTimers()` follows the fake clock. Not a wrapper closure: lru-cache inlines its clock into
    // `get`, and a JS closure there pushes V8 past its inlining budget about half the time (measured: `get` at
    // ~0.7× of bare lru-cache instead of ~1×). lru-cache treats a start time of 0 as "no TTL", so a clock that may
    // read 0 (an injected test clock, or fake timers just installed) is shifted by 1 ms.
    const current = globalThis.performance;
    const perf: { now(): number } = userClock
      ? { now: () => userClock() + 1 }
      : current.now() >= 1
        ? current
        : { now: () => current.now() + 1 };
    this.#clock = () => perf.now();
    this.#ttl = options.ttl;
    this.#logger = options.logger ?? silentLogger;
    const max = options.max ?? (options.maxSize === undefined ? 10_000 : undefined);
    const sizeCalculation = options.sizeCalculation;
    // `max` or `maxSize` is always set here, which is what lru-cache's options union asks for.
    this.lru = new LRUCache<string, V & {}>({
      ...(max === undefined ? {} : { max }),
      ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
      ...(sizeCalculation ? { sizeCalculation: (v: V & {}, k: string) => sizeCalculation(v, k) } : {}),
      ...(options.maxSize !== undefined && !sizeCalculation ? { sizeCalculation: () => 1 } : {}),
      ...(options.ttl > 0 ? { ttl: options.ttl } : {}),
      perf,
      // An injected clock is read on every check so that moving it takes effect at once; the default clock is
      // sampled at most once per ms, which keeps `get` fast.
      ttlResolution: userClock ? 0 : 1,
      // Expired entries stay until we see them on a miss, so that we can count them (see #onMiss).
      noDeleteOnStaleGet: true,
    } as LRUCache.Options<string, V & {}, unknown>);
    if (options.cleanupIntervalMs !== undefined) {
      this.#timer = setInterval(() => this.purgeStale(), options.cleanupIntervalMs);
      this.#timer.unref();
    }
  }

  /** The value under `key`, or `undefined` when absent or expired. Counts a hit or a miss. */
  get(key: string): V | undefined {
    const value = this.lru.get(key);
    if (value === undefined) this.#onMiss(key);
    else this.hits++;
    return value;
  }

  /** Stores `value` under `key` for `ttl` ms (default: the cache's). `undefined` deletes the key. */
  set(key: string, value: V, options?: TtlSetOptions): this {
    if (value === undefined) {
      this.delete(key);
      return this;
    }
    const ttl = options?.ttl ?? this.#ttl;
    const swr = options?.staleWhileRevalidate ?? 0;
    if (options !== undefined) {
      checkInt(ttl, "ttl", 0);
      checkInt(swr, "staleWhileRevalidate", 0);
    }
    const status: LRUCache.Status<string, V & {}> = {};
    this.lru.set(key, value as V & {}, { ttl: swr > 0 && ttl > 0 ? ttl + swr : ttl, status });
    if (status.set === "add") this.#added++;
    if (swr > 0 && ttl > 0) {
      this.#staleAt.set(key, this.#clock() + ttl);
      // Keys lru-cache evicted leave their stale-at behind: sweep them when they outnumber the live entries.
      if (this.#staleAt.size > 64 && this.#staleAt.size > 2 * this.lru.size) this.#pruneStaleAt();
    } else if (this.#staleAt.size > 0) this.#staleAt.delete(key);
    this.#sets++;
    return this;
  }

  /** True when `key` holds a value that has not expired. Does not count as a read. */
  has(key: string): boolean {
    return this.lru.has(key);
  }

  /** Removes `key`; a `wrap` load running for it will not store its result. True when something was removed. */
  delete(key: string): boolean {
    const flight = this.#inflight.get(key);
    if (flight) flight.invalidated = true;
    return this.#remove(key);
  }

  /** Removes every entry whose key starts with `prefix`; returns how many were removed. */
  deleteByPrefix(prefix: string): number {
    for (const [key, flight] of this.#inflight) if (key.startsWith(prefix)) flight.invalidated = true;
    let removed = 0;
    // Collect first: deleting while iterating lru-cache's linked list would skip entries.
    const keys: string[] = [];
    for (const key of this.lru.keys()) if (key.startsWith(prefix)) keys.push(key);
    for (const key of keys) if (this.#remove(key)) removed++;
    return removed;
  }

  /** Removes every entry; running `wrap` loads will not store their results. */
  clear(): void {
    for (const flight of this.#inflight.values()) flight.invalidated = true;
    this.#removed += this.lru.size;
    this.lru.clear();
    this.#staleAt.clear();
  }

  /**
   * Returns the cached value, or calls `fn` once and caches its result.
   * Concurrent misses for one key share one call of `fn`; if it fails, every waiter gets the same error and nothing
   * is cached. With `staleWhileRevalidate`, a value past its `ttl` is returned at once while `fn` refreshes it.
   * @example
   * const rates = await cache.wrap("fx:XAF", () => fetchRates(), { ttl: 60_000, staleWhileRevalidate: 300_000 });
   */
  wrap(key: string, fn: () => V | Promise<V>, options?: WrapOptions): Promise<V> {
    const value = this.lru.get(key);
    if (value !== undefined) {
      this.hits++;
      if (this.#staleAt.size > 0) this.#maybeRevalidate(key, fn, options);
      return Promise.resolve(value);
    }
    this.#onMiss(key);
    const running = this.#inflight.get(key);
    if (running) {
      this.#coalesced++;
      return running.promise;
    }
    return this.#load(key, fn, options);
  }

  /** Removes expired entries now; returns how many were removed. */
  purgeStale(): number {
    const before = this.lru.size;
    this.lru.purgeStale();
    const purged = before - this.lru.size;
    this.#expired += purged;
    this.#removed += purged;
    if (this.#staleAt.size > this.lru.size) this.#pruneStaleAt();
    return purged;
  }

  /** Milliseconds before `key` expires (`Infinity` without TTL, 0 when absent). */
  remainingTtl(key: string): number {
    const remaining = this.lru.getRemainingTTL(key);
    return remaining === Infinity || remaining <= 0 ? remaining : Math.ceil(remaining);
  }

  /** Entries held now. */
  get size(): number {
    return this.lru.size;
  }

  /** Current counters. */
  stats(): TtlCacheStats {
    const reads = this.hits + this.#misses;
    return {
      hits: this.hits,
      misses: this.#misses,
      hitRate: reads === 0 ? 0 : this.hits / reads,
      size: this.lru.size,
      calculatedSize: this.lru.calculatedSize ?? 0,
      sets: this.#sets,
      expired: this.#expired,
      evicted: this.#added - this.#removed - this.lru.size,
      inflight: this.#inflight.size,
      coalesced: this.#coalesced,
      staleHits: this.#staleHits,
      refreshErrors: this.#refreshErrors,
    };
  }

  /** The stats as a small text table. */
  renderStats(): string {
    return renderStatsTable(this.stats());
  }

  /** Stops the cleanup interval, if any. Entries are kept. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Same as {@link TtlCache.stop}, for `using cache = new TtlCache(...)`. */
  [Symbol.dispose](): void {
    this.stop();
  }

  // A miss may be an expired entry lru-cache kept (noDeleteOnStaleGet): remove and count it.
  #onMiss(key: string): void {
    this.#misses++;
    if (this.lru.peek(key, { allowStale: true }) !== undefined) {
      this.#expired++;
      this.#remove(key);
    }
  }

  #remove(key: string): boolean {
    if (this.#staleAt.size > 0) this.#staleAt.delete(key);
    if (!this.lru.delete(key)) return false;
    this.#removed++;
    return true;
  }

  #pruneStaleAt(): void {
    for (const key of this.#staleAt.keys()) {
      if (this.lru.peek(key, { allowStale: true }) === undefined) this.#staleAt.delete(key);
    }
  }

  #maybeRevalidate(key: string, fn: () => V | Promise<V>, options: WrapOptions | undefined): void {
    const staleAt = this.#staleAt.get(key);
    if (staleAt === undefined || this.#clock() < staleAt) return;
    this.#staleHits++;
    if (this.#inflight.has(key)) return;
    this.#load(key, fn, options).catch((error: unknown) => {
      this.#refreshErrors++;
      this.#logger.warn("cache refresh failed; serving the stale value", { key, error });
    });
  }

  #load(key: string, fn: () => V | Promise<V>, options: WrapOptions | undefined): Promise<V> {
    const flight: Flight<V> = { promise: Promise.resolve() as Promise<V>, invalidated: false };
    // Registered before `fn` runs: a synchronous throw reaches `finally` at once and must find the entry to remove.
    this.#inflight.set(key, flight);
    flight.promise = this.#run(key, fn, options, flight);
    return flight.promise;
  }

  async #run(key: string, fn: () => V | Promise<V>, options: WrapOptions | undefined, flight: Flight<V>): Promise<V> {
    try {
      const value = await fn();
      if (!flight.invalidated && value !== undefined) this.set(key, value, options);
      return value;
    } finally {
      if (this.#inflight.get(key) === flight) this.#inflight.delete(key);
    }
  }
}
