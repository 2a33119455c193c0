import type { DedupeStore } from "@toktok/whatsapp-client";
import { Redis } from "ioredis";

/**
 * Connects to Redis and fails fast (a few seconds, not forever) when it does not answer:
 * a bot configured for Redis must not start on a silent in-memory fallback.
 */
export async function connectRedis(url: string, onError: (error: Error) => void = () => {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 3_000,
    enableOfflineQueue: true,
    retryStrategy: (times) => (times > 20 ? null : Math.min(times * 200, 2_000)),
  });
  // ioredis reports connection trouble as events; without a listener they surface as "Unhandled error event".
  let first: Error | undefined;
  redis.on("error", (error: Error) => {
    first ??= error;
    onError(error);
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    // The URL may carry a password: name the variable, not the value.
    const reason = (first ?? (error as Error)).message.replace(url, "<REDIS_URL>");
    throw new Error(`REDIS_URL: cannot reach Redis (${reason})`);
  }
  return redis;
}

/** Webhook de-duplication shared by every bot process: `SET key 1 NX PX ttl`. */
export class RedisDedupeStore implements DedupeStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  constructor(redis: Redis, prefix = "toktok:webhook:") {
    this.#redis = redis;
    this.#prefix = prefix;
  }
  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(this.#prefix + key, "1", "PX", Math.max(1, Math.round(ttlMs)), "NX")) === "OK";
  }
}
