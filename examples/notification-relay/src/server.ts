import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Messenger } from "@toktok/flows";
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { createLogger, type Logger } from "@toktok-example/shared";
import { createRelayApp } from "./app.ts";
import type { RelayConfig } from "./config.ts";
import { type CounterName, createCounters } from "./counters.ts";
import { MemoryIdempotencyStore } from "./idempotency/memory-store.ts";
import { RedisIdempotencyStore } from "./idempotency/redis-store.ts";
import type { IdempotencyStore } from "./idempotency/types.ts";
import { connectRedis, connectRedisCluster } from "./redis.ts";
import { createRelay } from "./relay.ts";

/** A running relay. */
export interface RunningRelay {
  url: string;
  /** `memory` or `redis`: where event ids are remembered. */
  idempotency: "memory" | "redis";
  /** The relay's counters so far (also logged every minute as `relay: counters`). */
  counters(): Record<CounterName, number>;
  close(): Promise<void>;
}

/**
 * Starts the relay: a WhatsApp client, the idempotency store (Redis when `REDIS_URL` is set, a
 * Redis Cluster when `REDIS_CLUSTER_NODES` is, in memory otherwise) and the HTTP app on `PORT`. It starts even when Redis is not there yet:
 * requests get 503 and `/readyz` says down until the client connects.
 * @example
 * const relay = await startRelay(loadRelayConfig());
 */
export async function startRelay(config: RelayConfig, options: { logger?: Logger } = {}): Promise<RunningRelay> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  // REDIS_CLUSTER_NODES: a Redis Cluster (REDIS_URL then lends credentials and TLS); else REDIS_URL: one server.
  const redis = config.REDIS_CLUSTER_NODES
    ? await connectRedisCluster(config.REDIS_CLUSTER_NODES, logger, config.REDIS_URL ? { url: config.REDIS_URL } : {})
    : config.REDIS_URL
      ? await connectRedis(config.REDIS_URL, logger)
      : undefined;
  const store: IdempotencyStore = redis ? new RedisIdempotencyStore(redis) : new MemoryIdempotencyStore();
  const client = new WhatsAppClient({
    accessToken: config.WHATSAPP_TOKEN,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    baseUrl: config.WHATSAPP_API_BASE_URL,
    ...(config.WHATSAPP_API_VERSION ? { apiVersion: config.WHATSAPP_API_VERSION } : {}),
    logger,
  });
  const messenger: Messenger = client;
  const counters = createCounters();
  const relay = createRelay({
    messenger,
    store,
    ttlMs: config.IDEMPOTENCY_TTL_MS,
    leaseMs: config.RELAY_LEASE_MS,
    locale: config.NOTIFY_LOCALE,
    logger,
    counters,
  });
  let closing = false;
  const app = createRelayApp({
    secret: config.RELAY_SECRET,
    toleranceSeconds: config.SIGNATURE_TOLERANCE_S,
    relay,
    health: redis ? { redis: () => store.ping?.() ?? Promise.resolve() } : {},
    closing: () => closing,
    logger,
  });
  const stopCounters = counters.logEvery(logger, 60_000);
  const server = createAdaptorServer({ fetch: app.fetch });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
  } catch (error) {
    stopCounters();
    await client.close();
    redis?.disconnect();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return {
    url: `http://${host}:${port}`,
    idempotency: redis ? "redis" : "memory",
    counters: () => counters.snapshot(),
    async close() {
      closing = true;
      stopCounters();
      await new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await client.close();
      await store.close?.();
      redis?.disconnect();
    },
  };
}
