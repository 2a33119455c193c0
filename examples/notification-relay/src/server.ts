import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Messenger } from "@toktok/flows";
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { Redis } from "ioredis";
import { createRelayApp } from "./app.ts";
import type { RelayConfig } from "./config.ts";
import { MemoryIdempotencyStore } from "./idempotency/memory-store.ts";
import { RedisIdempotencyStore } from "./idempotency/redis-store.ts";
import type { IdempotencyStore } from "./idempotency/types.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createRelay } from "./relay.ts";

/** A running relay. */
export interface RunningRelay {
  url: string;
  /** `memory` or `redis`: where event ids are remembered. */
  idempotency: "memory" | "redis";
  close(): Promise<void>;
}

async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3_000 });
  // ioredis reports connection trouble as events; without a listener they surface as "Unhandled error event".
  let first: Error | undefined;
  redis.on("error", (error: Error) => {
    first ??= error;
    logger.warn("redis: connection error", { error: error.message });
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    // The URL may carry a password: name the variable, not the value.
    const reason = (first ?? (error as Error)).message.replace(url, "<REDIS_URL>");
    throw new Error(`REDIS_URL: cannot reach Redis (${reason})`);
  }
  return redis;
}

/**
 * Starts the relay: a WhatsApp client, the idempotency store (Redis when `REDIS_URL` is set,
 * in memory otherwise) and the HTTP app on `PORT`.
 * @example
 * const relay = await startRelay(loadRelayConfig());
 */
export async function startRelay(config: RelayConfig, options: { logger?: Logger } = {}): Promise<RunningRelay> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const store: IdempotencyStore = redis ? new RedisIdempotencyStore(redis) : new MemoryIdempotencyStore();
  const client = new WhatsAppClient({
    accessToken: config.WHATSAPP_TOKEN,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    baseUrl: config.WHATSAPP_API_BASE_URL,
    ...(config.WHATSAPP_API_VERSION ? { apiVersion: config.WHATSAPP_API_VERSION } : {}),
    logger,
  });
  const messenger: Messenger = client;
  const relay = createRelay({
    messenger,
    store,
    ttlMs: config.IDEMPOTENCY_TTL_MS,
    locale: config.NOTIFY_LOCALE,
    logger,
  });
  const app = createRelayApp({ secret: config.RELAY_SECRET, toleranceSeconds: config.SIGNATURE_TOLERANCE_S, relay });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return {
    url: `http://${host}:${port}`,
    idempotency: redis ? "redis" : "memory",
    async close() {
      await new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await client.close();
      redis?.disconnect();
    },
  };
}
