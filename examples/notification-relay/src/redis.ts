import { type Logger, redactRedisUrl, redisCredentials } from "@toktok-example/shared";
import { Cluster, Redis } from "ioredis";

/** Reconnection delay after `attempt` failed attempts: 100 ms doubling, capped at 2 s. Never gives up. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 2_000);
}

/** Connection policy of the relay's Redis client. */
export const REDIS_OPTIONS = {
  lazyConnect: true,
  connectTimeout: 3_000,
  // Reconnect forever: a relay heals when Redis comes back, without a restart.
  retryStrategy: reconnectDelay,
  // Fail fast while Redis is away instead of queueing: the request answers 503 + Retry-After
  // and the backend retries, rather than hanging on a command that waits for a reconnect.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  // A server that accepts the connection but does not answer is away too.
  commandTimeout: 2_000,
} as const;

/**
 * A Redis client that reconnects forever with capped backoff and whose commands fail at once
 * while disconnected. Waits up to `waitMs` for the first connection; if Redis is not there yet the
 * relay starts anyway (reporting `redis: "down"` on `/healthz` and `/readyz`) and connects when it can.
 */
export async function connectRedis(url: string, logger: Logger, waitMs = 3_000): Promise<Redis> {
  const redis = new Redis(url, REDIS_OPTIONS);
  let downSince: number | undefined = Date.now();
  reportErrors(redis, logger, "redis", url);
  redis.on("close", () => {
    if (downSince !== undefined) return;
    downSince = Date.now();
    logger.warn("redis: connection lost, reconnecting");
  });
  redis.on("ready", () => {
    logger.info("redis: connected", { afterMs: Date.now() - (downSince ?? Date.now()) });
    downSince = undefined;
  });
  if (!(await readyWithin(redis, waitMs))) {
    logger.error("REDIS_URL: Redis unreachable at start; the relay answers 503 until it connects");
  }
  return redis;
}

/**
 * A Redis Cluster client with the same policy as {@link connectRedis} (reconnect forever, commands
 * fail at once while a node is away, start even when the cluster is not there yet). `url`
 * (`REDIS_URL`), when given, lends its user name, password and TLS to every node.
 */
export async function connectRedisCluster(
  nodes: ReadonlyArray<{ host: string; port: number }>,
  logger: Logger,
  options: { url?: string; waitMs?: number } = {},
): Promise<Cluster> {
  // Each node's connection keeps the single server's policy, and borrows REDIS_URL's credentials.
  const { connectTimeout, maxRetriesPerRequest, commandTimeout } = REDIS_OPTIONS;
  const redisOptions = { connectTimeout, maxRetriesPerRequest, commandTimeout, ...redisCredentials(options.url) };
  const cluster = new Cluster([...nodes], {
    lazyConnect: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    redisOptions,
  });
  reportErrors(cluster, logger, "redis cluster", options.url);
  cluster.on("ready", () => {
    logger.info("redis cluster: connected", { masters: cluster.nodes("master").length });
  });
  if (!(await readyWithin(cluster, options.waitMs ?? 3_000))) {
    logger.error("REDIS_CLUSTER_NODES: Redis Cluster unreachable at start; the relay answers 503 until it connects");
  }
  return cluster;
}

/**
 * Logs a client's connection errors: ioredis reports connection trouble as events, and without a listener
 * they surface as "Unhandled error event". One warning per outage, then debug (a retry every 2 s must not
 * flood the log); the URL, which may carry a password, is never written.
 */
function reportErrors(client: Redis | Cluster, logger: Logger, label: string, url: string | undefined): void {
  let warned = false;
  client.on("error", (error: Error) => {
    const fields = { error: redactRedisUrl(error.message, url) };
    if (warned) logger.debug(`${label}: still unreachable`, fields);
    else logger.warn(`${label}: connection error`, fields);
    warned = true;
  });
  client.on("ready", () => {
    warned = false;
  });
}

/** Starts connecting and resolves whether `client` was ready within `waitMs`; a failed first attempt keeps retrying. */
async function readyWithin(client: Redis | Cluster, waitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<boolean>((resolve) => {
    client.once("ready", () => resolve(true));
    timer = setTimeout(() => resolve(false), waitMs);
    timer.unref();
  });
  // A failed first attempt rejects `connect()`, but the retry strategy keeps reconnecting.
  client.connect().catch(() => {});
  try {
    return await ready;
  } finally {
    clearTimeout(timer);
  }
}
