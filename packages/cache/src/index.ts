/**
 * @toktok/cache — TTL cache, `@cached` decorator, memoize and rate limiters, in memory or shared on Redis.
 * @packageDocumentation
 */

export type { Clock } from "./clock.js";
export type { CachedOptions, WrapCache } from "./decorators/cached.js";
export { cached } from "./decorators/cached.js";
export type { Memoized, MemoizeOptions } from "./decorators/memoize.js";
export { memoize } from "./decorators/memoize.js";
export type { CacheErrorCode, CacheErrorOptions, UnavailableReason } from "./errors.js";
export {
  CacheAbortError,
  CacheCommandError,
  CacheConfigError,
  CacheError,
  CacheSerializationError,
  CacheUnavailableError,
  CacheValidationError,
} from "./errors.js";
export type { CacheLogger } from "./logger.js";
export type { MemoryStoreOptions } from "./rate-limit/memory-store.js";
export { MemoryStore } from "./rate-limit/memory-store.js";
export type { PresetRule } from "./rate-limit/presets.js";
export { presetRules } from "./rate-limit/presets.js";
export type { PresetOptions, RateLimiterOptions, RateLimiterPresets } from "./rate-limit/rate-limiter.js";
export { RateLimiter } from "./rate-limit/rate-limiter.js";
export type {
  RateLimitAlgorithm,
  RateLimitCallOptions,
  RateLimitResult,
  RateLimitRule,
  RateLimitStore,
} from "./rate-limit/types.js";
export type { RedisCacheOptions, RedisCallOptions, RedisSetOptions } from "./redis/cache.js";
export { RedisCache } from "./redis/cache.js";
export type { RedisClientLike, RedisClusterLike, RedisDuplicableLike, RedisSubscriberLike } from "./redis/client.js";
export type { RedisStoreOptions } from "./redis/store.js";
export { RedisStore } from "./redis/store.js";
export type { TieredCacheOptions, TieredCacheStats } from "./redis/tiered.js";
export { TieredCache } from "./redis/tiered.js";
export type { TtlCacheOptions, TtlSetOptions, WrapOptions } from "./ttl-cache/options.js";
export type { TtlCacheStats } from "./ttl-cache/stats.js";
export { TtlCache } from "./ttl-cache/ttl-cache.js";
