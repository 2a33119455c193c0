import type { DedupeStore } from "@toktok/whatsapp-client";
import { redactRedisUrl, redisCredentials } from "@toktok-example/shared";
import { Cluster, Redis } from "ioredis";

/** The bot's Redis: one server (`REDIS_URL`) or a Redis Cluster (`REDIS_CLUSTER_NODES`). */
export type RedisConnection = Redis | Cluster;

/** A startup node of a Redis Cluster, as read from `REDIS_CLUSTER_NODES`. */
export interface ClusterNodeAddress {
  host: string;
  port: number;
}

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
    const reason = redactRedisUrl((first ?? (error as Error)).message, url);
    throw new Error(`REDIS_URL: cannot reach Redis (${reason})`);
  }
  return redis;
}

/**
 * Connects to a Redis Cluster through its startup `nodes` (any few of its masters; the client
 * discovers the rest), with the same rules as {@link connectRedis}: fail fast at start (within
 * `startTimeoutMs`), then reconnect forever, each command failing after one retry while a node is
 * away. `url` (`REDIS_URL`), when given, lends its user name, password and TLS (`rediss:`) to
 * every node.
 */
export async function connectRedisCluster(
  nodes: readonly ClusterNodeAddress[],
  options: { url?: string; onError?: (error: Error) => void; startTimeoutMs?: number } = {},
): Promise<Cluster> {
  const cluster = new Cluster(
    nodes.map((n) => ({ host: n.host, port: n.port })),
    {
      lazyConnect: true,
      enableOfflineQueue: true,
      clusterRetryStrategy: reconnectForever,
      redisOptions: {
        maxRetriesPerRequest: 1,
        connectTimeout: 3_000,
        ...redisCredentials(options.url),
      },
    },
  );
  let first: Error | undefined;
  cluster.on("error", (error: Error) => {
    first ??= error;
    options.onError?.(error);
  });
  const startTimeoutMs = options.startTimeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await cluster.connect();
        // CLUSTER INFO, not PING: a single server answers PING but is no cluster.
        const info = String(await cluster.cluster("INFO"));
        if (!info.includes("cluster_state:ok")) throw new Error("cluster_state is not ok");
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${startTimeoutMs} ms`)), startTimeoutMs);
        timer.unref();
      }),
    ]);
  } catch (error) {
    cluster.disconnect();
    const reason = (error as Error).message || first?.message || "unknown error";
    const detail = first && first.message !== reason ? `${reason}; ${first.message}` : reason;
    // Never the URL: it may carry a password.
    const safe = redactRedisUrl(detail, options.url);
    throw new Error(
      `REDIS_CLUSTER_NODES: cannot reach the Redis Cluster at ${nodes.map((n) => `${n.host}:${n.port}`).join(",")} (${safe})`,
    );
  } finally {
    clearTimeout(timer);
  }
  return cluster;
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
    ...redisCredentials(url),
  };
  const db = Number(u.pathname.slice(1));
  if (u.pathname.length > 1 && Number.isInteger(db)) options.db = db;
  return options;
}

/** The two commands the de-duplication store needs: a `Redis` and a `Cluster` both have them. */
export interface DedupeRedis {
  set(key: string, value: string, px: "PX", ms: number, nx: "NX"): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/**
 * Webhook de-duplication shared by every bot process: `SET key 1 NX PX ttl`, released when handling
 * failed. One key per command, so it works unchanged on a Redis Cluster.
 */
export class RedisDedupeStore implements DedupeStore {
  readonly #redis: DedupeRedis;
  readonly #prefix: string;
  constructor(redis: DedupeRedis, prefix = "toktok:webhook:") {
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
