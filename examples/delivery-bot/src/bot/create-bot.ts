import { Analytics } from "@toktok/analytics";
import { MemoryStore, RateLimiter, RedisStore } from "@toktok/cache";
import {
  courierFlow,
  createFlowEngine,
  type FlowEngine,
  type InboundMessage,
  MemoryBackend,
  type Messenger,
  type TokTokBackend,
} from "@toktok/flows";
import { createWebhookHandler, type MessageEvent, WhatsAppClient } from "@toktok/whatsapp-client";
import type { Hono } from "hono";
import type { Redis } from "ioredis";
import type { BotConfig } from "../config/env.ts";
import { createLogger, type Logger } from "../logger.ts";
import { createHttpApp } from "../server/app.ts";
import { mountDashboardIfPresent } from "../server/dashboard-hook.ts";
import { listen, type RunningServer } from "../server/listen.ts";
import { createInboundGuard } from "./inbound-guard.ts";
import { connectRedis, RedisDedupeStore } from "./redis.ts";
import { createUnderstanding } from "./understanding.ts";

/** A webhook message event in the engine's input shape (an object type, so its content fits the engine's open union). */
const toInbound = (event: MessageEvent): InboundMessage => ({
  id: event.id,
  from: event.from,
  timestamp: event.timestamp,
  ...(event.contactName === undefined ? {} : { contactName: event.contactName }),
  message: { ...event.message },
});

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  config: BotConfig;
  /** Default: JSON lines on stderr at `config.LOG_LEVEL`. */
  logger?: Logger;
  /** Default: a seeded {@link MemoryBackend} (Brazzaville catalogue). */
  backend?: TokTokBackend;
  /** The environment handed to the dashboard hook. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The composed bot. */
export interface Bot {
  app: Hono;
  engine: FlowEngine;
  analytics: Analytics;
  backend: TokTokBackend;
  client: WhatsAppClient;
  /** Which optional services are in use. */
  services: { redis: boolean; postgres: boolean; llm: boolean; dashboard: boolean };
  /** Resolves when every webhook event received so far has been handled. */
  drain(): Promise<void>;
  /** Starts the HTTP server on `config.PORT`. */
  listen(): Promise<RunningServer>;
  /** Drains, then closes Redis, PostgreSQL and the HTTP client. */
  close(): Promise<void>;
}

/**
 * Composes the whole bot from the five packages: the WhatsApp client (outbound, with the 80/s send limiter),
 * the flows engine over a backend, smart-fallback understanding, the per-customer inbound limiter, analytics,
 * and the webhook endpoint; Redis and PostgreSQL take over sessions, limits, de-duplication and analytics
 * when configured.
 * @example
 * const bot = await createBot({ config: loadConfig() });
 * const server = await bot.listen();
 */
export async function createBot(options: CreateBotOptions): Promise<Bot> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const redis: Redis | undefined = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : undefined;
  const limitStore = redis ? new RedisStore({ client: redis, fallback: new MemoryStore(), logger }) : undefined;

  const analytics = new Analytics(); // TODO(pg): PostgresStore when DATABASE_URL
  const client = new WhatsAppClient({
    accessToken: config.WHATSAPP_TOKEN,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    baseUrl: config.WHATSAPP_API_BASE_URL,
    ...(config.WHATSAPP_API_VERSION ? { apiVersion: config.WHATSAPP_API_VERSION } : {}),
    limiter: RateLimiter.presets.whatsappSends(limitStore ? { store: limitStore } : {}),
    logger,
  });
  const backend = options.backend ?? new MemoryBackend();
  const understanding = createUnderstanding(config, logger);
  const engine = createFlowEngine({
    // The client is the messenger. Cast: flows types template components more loosely than
    // whatsapp-client does (reported to both packages); the runtime shapes are identical.
    messenger: client as unknown as Messenger,
    flows: [courierFlow({ backend })], // TODO: builtInFlows
    nlu: understanding.nlu,
    analytics,
    logger,
    identify: (userId) => backend.users.findByPhone(`+${userId}`),
  });
  const guard = createInboundGuard(limitStore);

  const onMessage = async (event: MessageEvent) => {
    const verdict = await guard.check(event.from);
    if (verdict === "drop") return;
    if (verdict === "warn") {
      await client.sendText(event.from, "⏳ Vous envoyez beaucoup de messages. Patientez une minute, puis réessayez.");
      return;
    }
    const started = performance.now();
    if (event.message.type === "text") await understanding.prepare(event.message.text);
    await engine.handle(toInbound(event));
    analytics.trackResponseTime(performance.now() - started, { operation: "webhook" });
  };

  const webhook = createWebhookHandler({
    appSecret: config.WHATSAPP_APP_SECRET,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN,
    logger,
    ...(redis ? { dedupe: { store: new RedisDedupeStore(redis) } } : {}),
    onEvent: async (event) => {
      if (event.kind === "message") return onMessage(event);
      if (event.kind === "status" && event.status === "failed") {
        analytics.trackError(new Error(event.errors?.[0]?.title ?? "message delivery failed"), {
          kind: "delivery",
          code: event.errors?.[0]?.code ?? null,
        });
      }
    },
    onError: (error) => {
      logger.error("webhook event failed", { error: error instanceof Error ? error.message : String(error) });
      analytics.trackError(error instanceof Error ? error : new Error(String(error)), { kind: "webhook" });
    },
  });

  const app = createHttpApp({
    appSecret: config.WHATSAPP_APP_SECRET,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN,
    webhook: (request) => webhook.fetch(request),
    metrics: () => analytics.metrics(),
    health: async () => {
      const checks: Record<string, "ok" | "down"> = { process: "ok" };
      if (redis)
        checks.redis = await redis.ping().then(
          () => "ok" as const,
          () => "down" as const,
        );
      return { status: Object.values(checks).every((c) => c === "ok") ? "ok" : "degraded", checks };
    },
  });
  // ─── Operator dashboard (issue 9): mounted here when src/dashboard-api/index.ts exists ───
  const dashboard = await mountDashboardIfPresent(app, {
    analytics,
    env: options.env ?? process.env,
    logger,
    ...(redis ? { redis } : {}),
  });

  let server: RunningServer | undefined;
  return {
    app,
    engine,
    analytics,
    backend,
    client,
    services: { redis: !!redis, postgres: !!config.DATABASE_URL, llm: understanding.llm, dashboard: dashboard.mounted },
    drain: () => webhook.drain(),
    async listen() {
      server = await listen(app, {
        port: config.PORT,
        host: config.HOST,
        before: dashboard.nodeHandler ? [dashboard.nodeHandler] : [],
      });
      return server;
    },
    async close() {
      await server?.close();
      await webhook.drain();
      await analytics.close?.();
      await client.close?.();
      redis?.disconnect();
    },
  };
}
