import { type FlowEngine, type MobileMoneyRequest, paymentSettledMessage } from "@toktok/flows";
import {
  AirtelMoneyCollection,
  MemoryPaymentStore,
  MtnMomoCollection,
  type Operator,
  PaymentCollector,
  type PaymentProvider,
  type PaymentsLogger,
  RedisPaymentStore,
  type StoredPayment,
} from "@toktok/payments";
import type { Hono } from "hono";
import type { Cluster, Redis } from "ioredis";
import type { BotConfig } from "../config/env.ts";
import { paymentClaims, type RefundTracker, reportRefund } from "./late-payment.ts";
import type { PaymentEvents } from "./payment-events.ts";
import type { PaymentMetrics } from "./payment-metrics.ts";

/** The Mobile Money providers the bot collects with (MTN MoMo, Airtel Money); either may be absent. */
export type MobileMoneyProviders = Partial<Record<Operator, PaymentProvider>>;

/** Options of {@link createMobileMoney}. */
export interface MobileMoneyOptions {
  providers: MobileMoneyProviders;
  /** Pending payments survive restarts and are shared by every bot process when Redis is configured. */
  redis?: Redis | Cluster;
  logger: PaymentsLogger;
  /** First status query after a request, ms (the collector's default 3 s suits real phones). */
  firstPollMs?: number;
  /** Longest wait between two status queries, ms (the collector's default 30 s). */
  maxPollMs?: number;
  /** A payment still pending this long is failed as expired, ms (the collector's default 10 min). */
  expiresAfterMs?: number;
  /** Where attempts and outcomes are counted (see `payment-metrics.ts`). */
  metrics?: PaymentMetrics;
  /** Where each payment's status is tracked for the dashboard (see `payment-events.ts`). */
  events?: PaymentEvents;
  /**
   * Where a payment to refund is counted (analytics' `trackError`), which raises the `paiement-a-rembourser`
   * alert. Without it a refund is only logged.
   */
  refunds?: RefundTracker;
}

/**
 * The bot's Mobile Money: a `PaymentCollector` whose settlements re-enter the customer's conversation as a
 * message (handled in the customer's order, once, like any inbound message), so the marketplace's waiting
 * step asks the collector for the outcome. `engine` is attached after the engine is built with `collector`.
 */
export function createMobileMoney(options: MobileMoneyOptions) {
  let engine: FlowEngine | undefined;
  const onSettled = async (payment: StoredPayment): Promise<void> => {
    const waId = payment.metadata?.waId;
    if (waId === undefined) return; // not a conversation's payment
    // Counted here, before the hand-over: a failed hand-over is retried by resumePending, which counts
    // again — a rare double count on /metrics rather than a settlement left out.
    options.metrics?.settled(payment);
    options.events?.track(payment);
    // Not attached yet: throwing leaves the payment unnotified, and start() → resumePending() hands it over.
    if (engine === undefined) throw new Error("payments: the engine is not attached yet");
    // Throws when the mailbox cannot record it: the collector then calls again on resumePending().
    await engine.accept([paymentSettledMessage(payment.id, waId)]);
  };
  // Paid after the collector gave up (expired while the provider still had it): handed to the conversation
  // again under another message id — the customer still deciding gets the order, one who left a refund alert.
  const onLateSuccess = async (payment: StoredPayment): Promise<void> => {
    const waId = payment.metadata?.waId;
    if (waId === undefined) return;
    options.events?.track(payment);
    if (engine === undefined) throw new Error("payments: the engine is not attached yet");
    await engine.accept([paymentSettledMessage(payment.id, waId, { late: true })]);
  };
  const collector = new PaymentCollector({
    providers: options.providers,
    onLateSuccess,
    store: options.redis ? new RedisPaymentStore({ client: options.redis }) : new MemoryPaymentStore(),
    onSettled,
    logger: options.logger,
    ...(options.firstPollMs === undefined ? {} : { firstPollMs: options.firstPollMs }),
    ...(options.maxPollMs === undefined ? {} : { maxPollMs: options.maxPollMs }),
    ...(options.expiresAfterMs === undefined ? {} : { expiresAfterMs: options.expiresAfterMs }),
  });
  const claims = paymentClaims(options.redis);
  return {
    collector,
    /** Which succeeded payments were used or handed to a refund (see `late-payment.ts`). */
    claims,
    /** The flows' payment port: the collector, and the claims that keep a used payment from being refunded. */
    payments: {
      collect: async (request: MobileMoneyRequest) => {
        options.metrics?.requested(request.operator);
        const payment = await collector.collect(request);
        options.events?.track(payment);
        return payment;
      },
      get: collector.get.bind(collector),
      check: collector.check.bind(collector),
      claim: claims.claim,
      // A payment whose amount is not the order's total any more: claimed by the flow, refunded by a person
      // who is alerted like for a payment that came after its customer left (one path: reportRefund).
      refund: async (id: string, reason: string) => {
        const payment = await collector.get(id);
        if (payment === undefined) {
          options.logger.error("payments: REFUND NEEDED — unknown payment", { id, reason });
          return;
        }
        const trackError: RefundTracker["trackError"] = (error, context) => options.refunds?.trackError(error, context);
        reportRefund({ trackError, logger: options.logger }, payment, {
          cause: "amount_changed",
          user: payment.metadata?.waId,
          detail: reason,
        });
      },
    },
    /** Attaches the engine and picks up the payments a previous process left pending. */
    async start(built: FlowEngine): Promise<void> {
      engine = built;
      await collector.resumePending();
    },
    /**
     * `PUT|POST /payments/mtn` and `POST /payments/airtel`: the providers' callbacks, acknowledged at once and
     * treated as hints (the collector queries the provider; a forged body changes nothing).
     */
    mount(app: Hono): void {
      app.on(["PUT", "POST"], "/payments/:operator", async (c) => {
        const operator = c.req.param("operator");
        if (operator !== "mtn" && operator !== "airtel") return c.notFound();
        const body = await c.req.text();
        void collector.handleCallback(operator, body, c.req.url).catch((error: unknown) => {
          options.logger.warn("payments: callback check failed", { operator, error: String(error) });
        });
        return c.body(null, 200);
      });
    },
    /**
     * Stops polling and gives this process's leases back, so another process takes its pending payments at
     * once instead of when the leases expire. Await it before closing Redis: the release goes through it.
     */
    close(): Promise<void> {
      return collector.close();
    },
  };
}

/** What {@link createMobileMoney} returns. */
export type MobileMoney = ReturnType<typeof createMobileMoney>;

/**
 * The providers the configuration turns on (MTN MoMo with `MTN_MOMO_*`, Airtel Money with `AIRTEL_MONEY_*`,
 * Congo and XAF), or `undefined` when none is configured. MTN calls back `PAYMENTS_PUBLIC_URL/payments/mtn`.
 */
export function mobileMoneyFromConfig(config: BotConfig): { providers: MobileMoneyProviders } | undefined {
  const providers: MobileMoneyProviders = {};
  if (config.MTN_MOMO_SUBSCRIPTION_KEY && config.MTN_MOMO_API_USER && config.MTN_MOMO_API_KEY) {
    providers.mtn = new MtnMomoCollection({
      subscriptionKey: config.MTN_MOMO_SUBSCRIPTION_KEY,
      apiUser: config.MTN_MOMO_API_USER,
      apiKey: config.MTN_MOMO_API_KEY,
      targetEnvironment: config.MTN_MOMO_TARGET_ENVIRONMENT,
      ...(config.MTN_MOMO_BASE_URL ? { baseUrl: config.MTN_MOMO_BASE_URL } : {}),
      ...(config.PAYMENTS_PUBLIC_URL ? { callbackUrl: new URL("/payments/mtn", config.PAYMENTS_PUBLIC_URL).href } : {}),
    });
  }
  if (config.AIRTEL_MONEY_CLIENT_ID && config.AIRTEL_MONEY_CLIENT_SECRET) {
    providers.airtel = new AirtelMoneyCollection({
      clientId: config.AIRTEL_MONEY_CLIENT_ID,
      clientSecret: config.AIRTEL_MONEY_CLIENT_SECRET,
      country: "CG",
      currency: "XAF",
      ...(config.AIRTEL_MONEY_BASE_URL ? { baseUrl: config.AIRTEL_MONEY_BASE_URL } : {}),
      ...(config.AIRTEL_MONEY_CALLBACK_SECRET ? { callbackSecret: config.AIRTEL_MONEY_CALLBACK_SECRET } : {}),
    });
  }
  return providers.mtn || providers.airtel ? { providers } : undefined;
}
