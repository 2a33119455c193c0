/**
 * @toktok/cache — TTL cache, `@cached` decorator, memoize and rate limiters, in memory or shared on Redis.
 * @packageDocumentation
 */

export type { Clock } from "./clock.js";
export type { CacheErrorCode, CacheErrorOptions, UnavailableReason } from "./errors.js";
export { CacheConfigError, CacheError, CacheSerializationError, CacheUnavailableError } from "./errors.js";
export type { CacheLogger } from "./logger.js";
export type { TtlCacheStats } from "./ttl-cache/stats.js";
export type { TtlCacheOptions, TtlSetOptions, WrapOptions } from "./ttl-cache/ttl-cache.js";
export { TtlCache } from "./ttl-cache/ttl-cache.js";
