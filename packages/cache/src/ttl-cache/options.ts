import type { Clock } from "../clock.js";
import type { CacheLogger } from "../logger.js";

/** Options of {@link TtlCache}. All durations in milliseconds. */
export interface TtlCacheOptions<V> {
  /** Default time to live of an entry; `0` means entries never expire (then bound the cache with `max`/`maxSize`). */
  ttl: number;
  /** Most entries kept; the least recently used is evicted beyond it. Default 10 000 when `maxSize` is not set. */
  max?: number;
  /** Largest total size (as computed by `sizeCalculation`) kept. */
  maxSize?: number;
  /** Size of one entry, for `maxSize`; default counts every entry as 1. */
  sizeCalculation?: (value: V, key: string) => number;
  /**
   * Clock driving TTLs (ms, non-negative, never backwards), read on every check. Default: the `performance` object
   * current at construction, sampled at most once per ms — a cache created after `vi.useFakeTimers()` follows fake
   * time; one created before needs `now: () => Date.now()` (or your test clock).
   */
  now?: Clock;
  /** When set, expired entries are purged every so many ms by an `unref`'d timer (stop it with `stop()`). */
  cleanupIntervalMs?: number;
  /** Receives background-refresh failures. */
  logger?: CacheLogger;
}

/** Per-call options of {@link TtlCache.set}. */
export interface TtlSetOptions {
  /** Time to live of this entry, overriding the cache's default. */
  ttl?: number;
  /** After `ttl`, keep serving the old value this long while `wrap` refreshes it in the background. */
  staleWhileRevalidate?: number;
}

/** Per-call options of {@link TtlCache.wrap}. */
export type WrapOptions = TtlSetOptions;
