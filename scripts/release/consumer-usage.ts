// Type-checked by `pnpm release:verify` in a fresh project that installed the
// published packages, as .mts and .cts under node16 and as .ts under bundler.
// It uses the public API by the names the package READMEs document, as a user would, so a
// broken `types` condition or a renamed export fails the release proof.
import { Analytics, MemoryStore as AnalyticsMemoryStore, PostgresStore } from "@toktok/analytics";
import { cached, memoize, RateLimiter, RedisCache, RedisStore, TieredCache, TtlCache } from "@toktok/cache";
import {
  builtInFlows,
  MemoryBackend,
  notifyMissionStatus,
  notifyOrderStatus,
  RedisSessionStore,
  type TokTokBackend,
} from "@toktok/flows";
import { createTestConversation } from "@toktok/flows/testing";
import {
  AirtelMoneyCollection,
  type CallOptions,
  detectOperator,
  FAILURE_REASONS,
  type FailureReason,
  MemoryPaymentStore,
  MtnMomoCollection,
  PaymentCollector,
  type PaymentProvider,
  PaymentsAbortError,
  PaymentsError,
  PaymentsProviderError,
  PaymentsTimeoutError,
  PaymentsValidationError,
  RedisPaymentStore,
  type StoredPayment,
} from "@toktok/payments";
import { startAirtelMoneyStandIn, startMtnMomoStandIn } from "@toktok/payments/testing";
import {
  detectIntent,
  explain,
  extractDeliveryDetails,
  parseAmount,
  parsePhone,
  SmartFallback,
} from "@toktok/smart-fallback";
import {
  createWebhookHandler,
  normalizePhone,
  parseWebhookPayload,
  verifySignature,
  verifySubscription,
  WhatsAppApiError,
  WhatsAppClient,
} from "@toktok/whatsapp-client";
import {
  flowKeyPair,
  openFlowResponse,
  type SealedFlowRequest,
  sealFlowRequest,
} from "@toktok/whatsapp-client/testing";

export async function useEverything(): Promise<void> {
  const client = new WhatsAppClient({ accessToken: "token", phoneNumberId: "123", baseUrl: "http://127.0.0.1:1" });
  const sent: { messageId: string } = await client.sendText("242061234567", "Bonjour", { replyTo: "wamid.1" });
  const phone: string = normalizePhone("06 123 4567");
  const ok: boolean = verifySignature("{}", "sha256=00", "secret");
  const events = parseWebhookPayload({ object: "whatsapp_business_account", entry: [] });
  const kinds: string[] = events.map((e) => e.kind);
  verifySubscription({ "hub.mode": "subscribe", "hub.verify_token": "v", "hub.challenge": "1" }, "v");
  createWebhookHandler({ appSecret: "s", verifyToken: "v", onEvent: () => {} });
  const isApiError: boolean = WhatsAppApiError.isInstance(new Error("x"));
  const keys = flowKeyPair();
  const sealed: SealedFlowRequest = sealFlowRequest({ version: "3.0", action: "ping" }, keys.publicKey);
  const opened: unknown = sealed.open("");
  void [opened, openFlowResponse];

  const cache = new TtlCache<string>({ ttl: 1000, max: 10 });
  cache.set("k", "v");
  const value: string | undefined = cache.get("k");
  const wrapped: string = await cache.wrap("w", async () => "computed");
  const limiter = new RateLimiter({ points: 30, duration: 60_000, algorithm: "sliding-window" });
  const decision = await limiter.consume("user-1");
  const allowed: boolean = decision.allowed;
  const double = memoize(async (n: number) => n * 2, { ttl: 1000 });
  const four: number = await double(2);
  const decorator = cached({ ttl: 1000 });

  const analytics = new Analytics({ store: new AnalyticsMemoryStore() });
  analytics.trackSessionStart("u1", "client");
  analytics.trackMessage("u1", "text");
  analytics.trackConversion("u1", "mission_created", 5000);
  const metricsText: string = await analytics.metrics();

  const details = extractDeliveryDetails("Envoyer à Moungali chez Marie, 06 123 4567, cinq mille francs");
  const amount: number | undefined = parseAmount("deux mille cinq cents");
  const e164: string | undefined = parsePhone("06 123 4567");
  const intent: string = detectIntent("je veux envoyer un colis").intent;
  const reprompt: string = explain("amount");
  const fallback = new SmartFallback({});

  const backend: TokTokBackend = new MemoryBackend();
  const conversation = createTestConversation({ flows: builtInFlows({ backend }) });
  const turn = await conversation.send("Bonjour");
  const replyText: string = turn.text;

  const momo: PaymentProvider = new MtnMomoCollection({
    subscriptionKey: "k",
    apiUser: "u",
    apiKey: "a",
    targetEnvironment: "sandbox",
  });
  const airtelMoney: PaymentProvider = new AirtelMoneyCollection({
    clientId: "c",
    clientSecret: "s",
    country: "CG",
    currency: "XAF",
  });
  const call: CallOptions = { signal: AbortSignal.timeout(5000) };
  await momo.requestPayment(
    { id: "00000000-0000-4000-8000-000000000000", amount: 7500, payer: "06 123 45 67", description: "Commande 42" },
    call,
  );
  const payment = await momo.getPayment("00000000-0000-4000-8000-000000000000", call);
  const paid: boolean = payment?.status === "succeeded";
  const reason: FailureReason | undefined = payment?.reason;
  const hinted: string | undefined = airtelMoney.parseCallback({ transaction: { id: "x" } });
  const operator: "mtn" | "airtel" | undefined = detectOperator("06 123 45 67");
  const collector = new PaymentCollector({
    providers: { mtn: momo, airtel: airtelMoney },
    store: new MemoryPaymentStore(),
    onSettled: (settledPayment: StoredPayment) => void settledPayment.status,
  });
  const collected: StoredPayment = await collector.collect({
    id: "00000000-0000-4000-8000-000000000001",
    amount: 7500,
    payer: "06 123 45 67",
    description: "Commande 42",
  });
  const settled: StoredPayment = await collector.settled(collected.id, call);
  collector.close();
  const aborted: boolean = PaymentsAbortError.isInstance(new Error("x")) || PaymentsError.isInstance(new Error("x"));
  const reasons: readonly FailureReason[] = FAILURE_REASONS;
  void [paid, reason, hinted, operator, settled, aborted, reasons, RedisPaymentStore];
  void [PaymentsValidationError, PaymentsProviderError, PaymentsTimeoutError];
  void [startMtnMomoStandIn, startAirtelMoneyStandIn];

  void [sent, phone, ok, kinds, isApiError, value, wrapped, allowed, four, decorator, metricsText, details, amount];
  void [e164, intent, reprompt, fallback, backend, replyText, notifyMissionStatus, notifyOrderStatus];
  void [RedisCache, RedisStore, TieredCache, PostgresStore, RedisSessionStore];
}
