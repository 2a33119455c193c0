import { Analytics, PostgresStore } from "@toktok/analytics";
import { MemoryStore, RateLimiter, RedisStore } from "@toktok/cache";
import {
  builtInFlows,
  createFlowEngine,
  createNotifier,
  type Dispatcher,
  driverPositions,
  type FlowEngine,
  HttpBackend,
  identifyWith,
  MemoryBackend,
  MemorySessionStore,
  type Messenger,
  RedisMailbox,
  RedisSessionStore,
  RedisUserLock,
  sessionLocales,
  systemClock,
  type TimerClock,
  type TokTokBackend,
} from "@toktok/flows";
import { createWebhookHandler, type MessageEvent, type WebhookEvent, WhatsAppClient } from "@toktok/whatsapp-client";
import { createLogger, type Logger } from "@toktok-example/shared";
import type { Hono } from "hono";
import type { Cluster, Redis } from "ioredis";
import { DEFAULT_ALERT_RULES } from "../alerts/default-rules.ts";
import { DASHBOARD_TOKEN_ERROR, trackSecurityEvent, WEBHOOK_SIGNATURE_ERROR } from "../alerts/security-events.ts";
import type { BotConfig } from "../config/env.ts";
import { type Inbox, wireInbox } from "../inbox/index.ts";
import { createHttpApp } from "../server/app.ts";
import { mountDashboardIfPresent } from "../server/dashboard-hook.ts";
import { listen, type RunningServer } from "../server/listen.ts";
import { RedisAccountState } from "./account-state.ts";
import { type CloudAccount, createCloudAccount } from "./cloud-account.ts";
import { companySink } from "./company-sink.ts";
import { registerDeliveryMetrics } from "./delivery-metrics.ts";
import { createDispatch } from "./dispatch.ts";
import { createFlowEndpoint } from "./flow-endpoint.ts";
import { healthReport } from "./health.ts";
import { latePaymentHandler } from "./late-payment.ts";
import { createMobileMoney, type MobileMoneyOptions } from "./mobile-money.ts";
import { type OperatorOptions, type OperatorServices, startOperatorServices } from "./operator.ts";
import { paymentEvents, withCashPayments } from "./payment-events.ts";
import { registerPaymentMetrics, withRevenueByMethod } from "./payment-metrics.ts";
import { promotionJobs } from "./promotion-jobs.ts";
import { createPromotions } from "./promotions.ts";
import { connectRedis, connectRedisCluster, RedisDedupeStore, redisOptionsFromUrl } from "./redis.ts";
import { trackTurn } from "./turn-tracking.ts";
import { createUnderstanding } from "./understanding.ts";
import { voiceNotes } from "./voice.ts";

/** The analytics event log in PostgreSQL; migrates at start so a bad DATABASE_URL stops the bot at once. */
async function connectPostgres(config: BotConfig, logger: Logger): Promise<PostgresStore> {
  const store = new PostgresStore({
    connectionString: config.DATABASE_URL,
    // One line when PostgreSQL goes away and one when it is back (events wait in a buffer meanwhile).
    logger,
    ...(config.ANALYTICS_SCHEMA ? { schema: config.ANALYTICS_SCHEMA } : {}),
  });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw new Error(`DATABASE_URL: cannot prepare the analytics tables (${(error as Error).message})`);
  }
  return store;
}

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  config: BotConfig;
  /** Default: JSON lines on stderr at `config.LOG_LEVEL`. */
  logger?: Logger;
  /** Default: {@link HttpBackend} on `BACKEND_URL` when set, else a seeded {@link MemoryBackend} (Brazzaville catalogue). */
  backend?: TokTokBackend;
  /** The environment handed to the dashboard hook. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * The bot's clock, one for all that reads the time outside a turn: the analytics, the in-memory
   * backend, dispatch's ETAs and lateness, and the in-memory timers of dispatch (re-offers, lateness
   * checks). Default `systemClock`. The demo passes a movable one to seed past days; a test passes a
   * `ManualClock` (`@toktok/flows/testing`) and moves time instead of waiting. BullMQ timers (with Redis)
   * keep real time.
   */
  clock?: TimerClock;
  /** Timers of the report schedule and the alert monitor (default the real ones; tests inject fakes). */
  timers?: OperatorOptions["timers"];
  /**
   * MTN MoMo / Airtel Money clients (`@toktok/payments`): marketplace orders paid by Mobile Money wait for
   * the payment; without them the payment method is only recorded. The demo passes clients of the stand-ins.
   */
  mobileMoney?: Pick<MobileMoneyOptions, "providers" | "firstPollMs" | "maxPollMs" | "expiresAfterMs">;
}

/** The composed bot. */
export interface Bot {
  app: Hono;
  engine: FlowEngine;
  analytics: Analytics;
  backend: TokTokBackend;
  client: WhatsAppClient;
  /** The operator inbox (human handoff, issue 22); absent when no dashboard JWT key is set. */
  inbox: Inbox | undefined;
  /** Dispatch (offers, proofs, completion figures); absent with `DISPATCH=off`. */
  dispatcher: Dispatcher | undefined;
  /** Template health, marketing opt-outs, the account's standing and the blocked users, kept by the webhooks. */
  account: CloudAccount;
  /** Which optional services are in use. */
  services: { redis: boolean; postgres: boolean; llm: boolean; dashboard: boolean };
  /** Resolves when every webhook event received so far has been handled (replies waiting for a retry aside). */
  /** The e-mailed reports (when `SMTP_URL` is set) and the alert monitor. */
  operator: OperatorServices;
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
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const onRedisError = (error: Error) => logger.warn("redis: connection error", { error: error.message });
  // REDIS_CLUSTER_NODES: a Redis Cluster (REDIS_URL then only lends credentials and TLS); else REDIS_URL: one server.
  const redis: Redis | Cluster | undefined = config.REDIS_CLUSTER_NODES
    ? await connectRedisCluster(config.REDIS_CLUSTER_NODES, {
        ...(config.REDIS_URL ? { url: config.REDIS_URL } : {}),
        onError: onRedisError,
      })
    : config.REDIS_URL
      ? await connectRedis(config.REDIS_URL, onRedisError)
      : undefined;
  const limitStore = redis ? new RedisStore({ client: redis, fallback: new MemoryStore(), logger }) : undefined;

  let analytics: Analytics;
  try {
    analytics = new Analytics({
      ...(config.DATABASE_URL ? { store: await connectPostgres(config, logger) } : {}),
      now: () => clock.now(),
      // Evaluated on a schedule by the operator services (alerts/default-rules.ts).
      alerts: DEFAULT_ALERT_RULES,
    });
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
  const client = new WhatsAppClient({
    accessToken: config.WHATSAPP_TOKEN,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    baseUrl: config.WHATSAPP_API_BASE_URL,
    ...(config.WHATSAPP_API_VERSION ? { apiVersion: config.WHATSAPP_API_VERSION } : {}),
    // Templates and Flows live on the business account: read at start (templates) and by cloud:setup.
    ...(config.WHATSAPP_BUSINESS_ACCOUNT_ID ? { businessAccountId: config.WHATSAPP_BUSINESS_ACCOUNT_ID } : {}),
    // Time limit of one Graph call (the client's default is 30 s): what a hung Graph API costs per attempt.
    ...(config.WHATSAPP_TIMEOUT_MS ? { timeoutMs: config.WHATSAPP_TIMEOUT_MS } : {}),
    // Meta's throughput tier of the number (80 msg/s by default, up to 1000): shared by every process on Redis.
    limiter: new RateLimiter({
      points: config.WHATSAPP_THROUGHPUT,
      duration: 1_000,
      name: "whatsapp-sends",
      ...(limitStore ? { store: limitStore } : {}),
    }),
    logger,
  });
  // Your own API (any language) through the REST contract of @toktok/flows' openapi/backend.yaml,
  // or the seeded in-memory catalogue of the demo.
  const backend =
    options.backend ??
    (config.BACKEND_URL
      ? new HttpBackend({
          baseUrl: config.BACKEND_URL,
          ...(config.BACKEND_API_KEY ? { apiKey: config.BACKEND_API_KEY } : {}),
        })
      : new MemoryBackend({ now: () => clock.now() }));
  // The demo shop sold in a Meta catalogue too: a cart sent from it becomes that shop's order.
  if (config.WHATSAPP_CATALOG_ID && backend instanceof MemoryBackend) {
    backend.linkCatalog(config.WHATSAPP_CATALOG_MERCHANT, config.WHATSAPP_CATALOG_ID);
  }
  const understanding = createUnderstanding(config, logger);
  const voice = voiceNotes(config, client, logger);
  // The WhatsApp client is the flows' messenger as is (structural typing, no adapter).
  const messenger: Messenger = client;
  // Templates paused by Meta, marketing opt-outs, the account's standing, blocked users, calls (issue 17).
  const account = createCloudAccount({
    registry: analytics.registry,
    logger,
    analytics,
    ...(config.WHATSAPP_BLOCKED_USERS ? { blocked: config.WHATSAPP_BLOCKED_USERS } : {}),
    blocking: client,
    // With Redis every process applies each change and a restart begins from it (a STOP is never forgotten).
    ...(redis ? { shared: new RedisAccountState({ redis, namespace: config.WHATSAPP_PHONE_NUMBER_ID, logger }) } : {}),
  });
  // Before the first webhook: a saved STOP or paused template holds from this process's first send.
  await account.start();
  // What Meta lists now (a template paused while the bot was down), in the background like the blocked users.
  if (config.WHATSAPP_BUSINESS_ACCOUNT_ID) {
    void account
      .seedTemplates(client)
      .then((count) => logger.info("whatsapp: templates loaded", { count }))
      .catch((error: unknown) =>
        logger.warn("whatsapp: templates not loaded", {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  }
  // The number's block list on WhatsApp joins WHATSAPP_BLOCKED_USERS, read in the background so a slow
  // or unreachable Graph API never holds the start; unread, the environment's list still applies.
  void account
    .loadBlocked()
    .then((count) => logger.info("whatsapp: blocked users loaded", { count }))
    .catch((error: unknown) =>
      logger.warn("whatsapp: blocked users not loaded", {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  // Human handoff (issue 22): the engine's hooks feed the operator inbox; a delivery hands back to the bot.
  const inboxWiring = wireInbox({
    env: options.env ?? process.env,
    messenger: client,
    backend,
    registry: analytics.registry,
    logger,
    ...(redis ? { redis } : {}),
  });
  const notifier = inboxWiring.notifier(
    createNotifier({
      messenger,
      backend,
      logger,
      templateHealth: account.templates,
      marketing: account.marketing,
      onTemplateSkipped: (skip) => account.templateSkipped(skip),
    }),
  );
  // Mobile Money attempts, outcomes and the revenue per payment method, on /metrics.
  const paymentMetrics = registerPaymentMetrics(analytics.registry);
  const mobileMoney = options.mobileMoney
    ? createMobileMoney({
        ...options.mobileMoney,
        ...(redis ? { redis } : {}),
        logger,
        metrics: paymentMetrics,
        // …and each payment's status in the analytics, for the dashboard's payments card.
        events: paymentEvents(analytics, logger),
        // A payment to refund (its amount is not the order's any more) alerts like a late one.
        refunds: { trackError: (error, context) => analytics.trackError(error, context) },
      })
    : undefined;
  // One session store for the engine and the Flows endpoint, which checks a form's token against it; dispatch
  // reads each driver's language from it.
  const sessions = redis ? new RedisSessionStore({ client: redis }) : new MemorySessionStore();
  // Missions offered to the nearest drivers, proofs, completion figures (issue 18): on unless DISPATCH=off.
  const dispatch = await createDispatch({
    env: options.env ?? process.env,
    backend,
    messenger,
    notifier,
    analytics,
    logger,
    ...(redis ? { redis } : {}),
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    media: client,
    clock,
    // Each offer in its driver's own language (his session's), else the dispatcher's default.
    localeOf: sessionLocales(sessions),
  });
  const engine = createFlowEngine({
    store: sessions,
    messenger,
    flows: builtInFlows({
      backend: dispatch?.backend ?? backend,
      notifier,
      ...(dispatch ? { dispatcher: dispatch.dispatcher, feedback: dispatch.feedback } : {}),
      ...(mobileMoney ? { payments: mobileMoney.payments } : {}),
      // The courier request as a WhatsApp Flow form too, once published (courierFormJson), in its mode.
      ...(config.WHATSAPP_FLOW_COURIER_ID
        ? { courierForm: { flowId: config.WHATSAPP_FLOW_COURIER_ID, mode: config.WHATSAPP_FLOW_COURIER_MODE } }
        : {}),
      // Business sign-up as a WhatsApp Flow form too, once published (merchantFormJson).
      ...(config.WHATSAPP_FLOW_MERCHANT_ID ? { merchantForm: { flowId: config.WHATSAPP_FLOW_MERCHANT_ID } } : {}),
      // The catalogue connected to the number: a big shop selling from it gets a catalogue message.
      ...(config.WHATSAPP_CATALOG_ID ? { whatsappCatalogId: config.WHATSAPP_CATALOG_ID } : {}),
    }),
    authFlow: "auth",
    // The opt-in question after a first order, OFFRES and STOP: the same records the notifier's gate reads.
    marketing: account.marketing,
    handoff: inboxWiring.handoff,
    identify: identifyWith(backend),
    // A driver's shared location is his position whatever he is doing, recorded without a reply.
    ...(dispatch ? { onLocation: driverPositions(dispatch.dispatcher) } : {}),
    nlu: understanding.nlu,
    // The model's pass on free text, read back by the nlu; a model failure falls back to the rules.
    prepare: async (inbound) => {
      const message = inbound.message as { type: string; text?: string };
      if (message.type === "text" && message.text) await understanding.prepare(message.text).catch(() => false);
    },
    // Voice notes: downloaded through the client, transcribed on the LLM path's server, echoed, then
    // read like typed text; without OPENAI_API_KEY / OPENAI_BASE_URL customers are asked to type.
    ...(voice ? { voice } : {}),
    // One observation per customer message, model call and sends included: the dashboard's
    // response-time quantiles aggregate every operation, so no second series for the model alone.
    // A failed turn counts as an error, so the error rate is the share of messages that went wrong.
    onHandled: trackTurn(analytics),
    // A payment that succeeded after its customer left: refunded by an operator (alerted), the customer told.
    ...(mobileMoney
      ? {
          onLatePayment: latePaymentHandler({
            payments: mobileMoney.collector,
            claims: mobileMoney.claims,
            trackError: (error, context) => analytics.trackError(error, context),
            logger,
          }),
        }
      : {}),
    // Blue ticks and the typing indicator while the reply is prepared, as customers expect.
    markAsRead: true,
    // 30 messages a minute per customer (cache's backend-API preset): a flood gets one notice, then silence.
    rateLimiter: RateLimiter.presets.backendApi({
      name: "toktok-inbound",
      ...(limitStore ? { store: limitStore } : {}),
    }),
    delivery: {
      // How soon another process sends the replies a dead one had decided (default 30 s).
      ...(config.DELIVERY_TAKEOVER_MS ? { leaseMs: config.DELIVERY_TAKEOVER_MS } : {}),
      onDeadLetter: (_user, entry, error) =>
        analytics.trackError(error instanceof Error ? error : new Error(String(error)), {
          kind: "reply_dead_letter",
          entry: entry.id,
        }),
    },
    // Orders are tracked under their merchant's company (per-company figures, issue 19).
    // Cash orders and deliveries count as succeeded cash payments in the analytics' payment figures.
    analytics: withCashPayments(withRevenueByMethod(companySink(analytics), paymentMetrics.revenue), analytics),
    logger,
    // With Redis, sessions, the per-user order, the mailbox of accepted messages and the jobs that
    // handle them hold across every bot process and every restart.
    ...(redis
      ? {
          // A dead holder's lock frees itself as fast as its jobs are taken over (a live one renews it).
          lock: new RedisUserLock({
            client: redis,
            ...(config.DELIVERY_TAKEOVER_MS ? { ttlMs: config.DELIVERY_TAKEOVER_MS } : {}),
          }),
          mailbox: new RedisMailbox({ client: redis }),
          // Loaded only with Redis: the demo and single-process bots never pay for BullMQ.
          jobs: new (await import("@toktok/flows/bullmq")).BullMqJobQueue({
            // On a cluster BullMQ needs the Cluster instance, and a hash-tag prefix so that each
            // queue's keys share one slot; one server keeps BullMQ's default prefix (and its keys).
            ...(redis.isCluster || !config.REDIS_URL
              ? { connection: redis, prefix: "{toktok}" }
              : { connection: redisOptionsFromUrl(config.REDIS_URL) }),
            // How soon another process takes over the jobs of a dead one (default BullMQ's 30 s).
            ...(config.DELIVERY_TAKEOVER_MS ? { takeOverAfterMs: config.DELIVERY_TAKEOVER_MS } : {}),
            logger,
          }),
        }
      : {}),
  });

  const isMessage = (event: WebhookEvent): event is MessageEvent => event.kind === "message";
  const webhook = createWebhookHandler({
    appSecret: config.WHATSAPP_APP_SECRET,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN,
    // Only our number: an app often serves several, and another's customers are not ours to answer.
    phoneNumberIds: [config.WHATSAPP_PHONE_NUMBER_ID],
    logger,
    // Acknowledge only what is recorded: 200 once the messages are in the mailbox, 503 otherwise.
    // A blocked user's messages are acknowledged and dropped: never answered, never in the mailbox.
    record: (events) => engine.accept(events.filter(isMessage).filter((e) => !account.isBlocked(e.from))),
    ...(redis ? { dedupe: { store: new RedisDedupeStore(redis) } } : {}),
    // Statuses are observations, not work: handled after the 200, at most once.
    onEvent: (event) => {
      account.apply(event);
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
  registerDeliveryMetrics(analytics.registry, { engine, webhook });

  const app = createHttpApp({
    appSecret: config.WHATSAPP_APP_SECRET,
    verifyToken: config.WHATSAPP_VERIFY_TOKEN,
    webhook: (request) => webhook.fetch(request),
    metrics: () => analytics.metrics(),
    health: () =>
      healthReport({
        ...(redis ? { redis } : {}),
        analytics,
        postgres: !!config.DATABASE_URL,
        account: account.standing(),
      }),
    onSignatureRefused: (reason) => trackSecurityEvent(analytics, WEBHOOK_SIGNATURE_ERROR, reason),
  });
  mobileMoney?.mount(app);
  await mobileMoney?.start(engine);
  // WhatsApp Flows data-exchange endpoint (issue 17): only with the key registered on the number.
  if (config.WHATSAPP_FLOW_PRIVATE_KEY) {
    const flowEndpoint = createFlowEndpoint({
      privateKey: config.WHATSAPP_FLOW_PRIVATE_KEY,
      ...(config.WHATSAPP_FLOW_PRIVATE_KEY_PASSPHRASE
        ? { passphrase: config.WHATSAPP_FLOW_PRIVATE_KEY_PASSPHRASE }
        : {}),
      appSecret: config.WHATSAPP_APP_SECRET,
      isBlocked: (waId) => account.isBlocked(waId),
      liveFlowToken: async (waId) => (await sessions.load(waId))?.session.flowToken,
      logger,
      courierMode: config.WHATSAPP_FLOW_COURIER_MODE,
      backend: dispatch?.backend ?? backend,
    });
    app.post("/flows/endpoint", (c) => flowEndpoint.fetch(c.req.raw));
  }
  // ─── Operator dashboard (issue 9): mounted here when src/dashboard-api/index.ts exists ───
  // E-mailed reports and pushed alerts (issue 19).
  const operator = startOperatorServices({
    config,
    analytics,
    messenger: client,
    logger,
    ...(redis ? { redis } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  // The operator's offers, through the notifier's consent gate, one durable job per recipient (issue 18).
  const promotions = createPromotions({
    notifier,
    consents: account.marketing,
    templates: account.templates,
    nameOf: async (waId) => (await backend.users?.findByPhone(waId))?.name,
    ...(await promotionJobs({ redis, redisUrl: config.REDIS_URL, clock, logger })),
    logger,
  });
  const dashboard = await mountDashboardIfPresent(app, {
    ...(operator.reports ? { reports: operator.reports } : {}),
    promotions,
    onInvalidToken: () => trackSecurityEvent(analytics, DASHBOARD_TOKEN_ERROR, "invalid dashboard token"),
    analytics,
    env: options.env ?? process.env,
    logger,
    ...(redis ? { redis } : {}),
  });

  const inbox = inboxWiring.attach(engine);
  let server: RunningServer | undefined;
  return {
    app,
    engine,
    analytics,
    backend,
    client,
    inbox: inbox?.inbox,
    dispatcher: dispatch?.dispatcher,
    account,
    operator,
    services: { redis: !!redis, postgres: !!config.DATABASE_URL, llm: understanding.llm, dashboard: dashboard.mounted },
    async drain() {
      await webhook.drain();
      await engine.whenIdle();
    },
    async listen() {
      server = await listen(app, {
        port: config.PORT,
        host: config.HOST,
        // The inbox answers /api/inbox and /dashboard/inbox before the dashboard takes /dashboard*.
        before: [...(inbox ? [inbox.handler] : []), ...(dashboard.nodeHandler ? [dashboard.nodeHandler] : [])],
      });
      return server;
    },
    async close() {
      await server?.close();
      await webhook.drain();
      // Awaited: the collector releases its payment leases through Redis, which is closed below.
      await mobileMoney?.close();
      await engine.close();
      await dispatch?.close();
      await promotions.close();
      await inboxWiring.close();
      operator.stop();
      account.close();
      await analytics.close();
      await client.close();
      redis?.disconnect();
    },
  };
}
