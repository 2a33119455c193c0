import type { DedupeStore } from "@toktok/whatsapp-client";
import { Redis } from "ioredis";

/** Connection options read from a Redis URL (a plain object type, as BullMQ's connection option wants). */
export type RedisUrlOptions = {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  retryStrategy: (times: number) => number;
};

/**
 * Reconnection for every Redis client of the bot: forever, backing off to 2 s. A Redis outage of
 * any length heals by itself once Redis is back; giving up would need a restart.
 */
export const reconnectForever = (times: number): number => Math.min(times * 200, 2_000);

/**
 * Connects to Redis and fails fast (a few seconds, not forever) when it does not answer at start:
 * a bot configured for Redis must not start on a silent in-memory fallback. Once started, the
 * client reconnects forever, and each command fails after one reconnection attempt while Redis
 * is away, so a webhook answers 503 quickly (Meta redelivers) instead of hanging.
 */
export async function connectRedis(url: string, onError: (error: Error) => void = () => {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    enableOfflineQueue: true,
    retryStrategy: reconnectForever,
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

/**
 * ioredis options from a `redis://` or `rediss://` URL, for the clients BullMQ builds itself
 * (its workers need their own connections with `maxRetriesPerRequest: null`).
 */
export function redisOptionsFromUrl(url: string): RedisUrlOptions {
  const u = new URL(url);
  const options: RedisUrlOptions = {
    host: u.hostname || "127.0.0.1",
    port: Number(u.port || 6379),
    retryStrategy: reconnectForever,
  };
  if (u.username) options.username = decodeURIComponent(u.username);
  if (u.password) options.password = decodeURIComponent(u.password);
  const db = Number(u.pathname.slice(1));
  if (u.pathname.length > 1 && Number.isInteger(db)) options.db = db;
  if (u.protocol === "rediss:") options.tls = {};
  return options;
}

/** Webhook de-duplication shared by every bot process: `SET key 1 NX PX ttl`, released when handling failed. */
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
  async release(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }
}
