import { describe, expectTypeOf, it } from "vitest";
import {
  createWebhookHandler,
  type MessageEvent,
  normalizePhone,
  parseWebhookPayload,
  type RetryOptions,
  type SendResult,
  type WebhookError,
  type WebhookEvent,
  type WebhookHandlerStats,
  type WhatsAppApiError,
  WhatsAppClient,
  type WhatsAppError,
  type WhatsAppNetworkError,
  type WhatsAppTimeoutError,
} from "./index.js";

describe("public types", () => {
  it("sends resolve to { messageId }", () => {
    const wa = new WhatsAppClient({ accessToken: "t", phoneNumberId: "1" });
    expectTypeOf(wa.sendText("x", "y")).resolves.toEqualTypeOf<SendResult>();
    expectTypeOf<SendResult>().toEqualTypeOf<{ messageId: string }>();
    // @ts-expect-error link and id are exclusive
    void wa.sendImage("x", { link: "https://a", id: "1" });
  });

  it("webhook events narrow by kind and message type", () => {
    const events = parseWebhookPayload({});
    expectTypeOf(events).toEqualTypeOf<WebhookEvent[]>();
    const e = events[0] as WebhookEvent;
    if (e.kind === "message") {
      expectTypeOf(e).toEqualTypeOf<MessageEvent>();
      expectTypeOf(e.timestamp).toEqualTypeOf<Date>();
      if (e.message.type === "button_reply") expectTypeOf(e.message.replyId).toEqualTypeOf<string>();
      if (e.message.type === "location") expectTypeOf(e.message.latitude).toEqualTypeOf<number>();
    }
    if (e.kind === "status") expectTypeOf(e.recipientId).toEqualTypeOf<string>();
  });

  it("errors expose the Graph fields", () => {
    expectTypeOf<WhatsAppApiError["code"]>().toEqualTypeOf<number>();
    expectTypeOf<WhatsAppApiError["requiresTemplate"]>().toEqualTypeOf<boolean>();
    expectTypeOf(normalizePhone).returns.toEqualTypeOf<string>();
  });

  it("the webhook handler has a durable record mode, stats and a lenient parser", () => {
    const handler = createWebhookHandler({
      appSecret: "s",
      verifyToken: "t",
      phoneNumberIds: ["1"],
      recordTimeoutMs: 5000,
      record: async (events, delivery) => {
        expectTypeOf(events).toEqualTypeOf<WebhookEvent[]>();
        expectTypeOf(delivery.receivedAt).toEqualTypeOf<Date>();
        expectTypeOf(delivery.signal).toEqualTypeOf<AbortSignal>();
      },
    });
    expectTypeOf(handler.stats()).toEqualTypeOf<WebhookHandlerStats>();
    expectTypeOf(handler.stats().deliveriesRejected).toEqualTypeOf<number>();
    // onEvent stays accepted on its own
    createWebhookHandler({ appSecret: "s", verifyToken: "t", onEvent: () => {} });
    parseWebhookPayload("{}", {
      onInvalid: (error) => {
        expectTypeOf(error).toEqualTypeOf<WebhookError>();
        expectTypeOf(error.path).toEqualTypeOf<string | undefined>();
      },
    });
  });

  it("errors say whether a request may have been processed, and retries can be told to resend", () => {
    expectTypeOf<WhatsAppError["ambiguous"]>().toEqualTypeOf<boolean>();
    expectTypeOf<WhatsAppTimeoutError["ambiguous"]>().toEqualTypeOf<boolean>();
    expectTypeOf<WhatsAppNetworkError["retryable"]>().toEqualTypeOf<boolean>();
    expectTypeOf<WhatsAppApiError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RetryOptions["retryAmbiguous"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<RetryOptions["maxElapsedMs"]>().toEqualTypeOf<number | undefined>();
    new WhatsAppClient({
      accessToken: "t",
      phoneNumberId: "1",
      retry: { maxRetries: 3, retryAmbiguous: true, maxElapsedMs: 60_000 },
    });
  });
});
