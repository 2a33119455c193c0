import type { Analytics } from "@toktok/analytics";
import type { RateLimiter } from "@toktok/cache";
import type { WhatsAppApiError, WhatsAppClient } from "@toktok/whatsapp-client";
import { expectTypeOf, test } from "vitest";
import type { AnalyticsSink } from "../engine/analytics.js";
import type { RateLimiterLike } from "../engine/rate-limit.js";
import type { InboundMessage } from "./inbound.js";
import type { Messenger } from "./messenger.js";

test("the real WhatsAppClient is a Messenger", () => {
  expectTypeOf<WhatsAppClient>().toExtend<Messenger>();
});

test("a webhook message event is an InboundMessage", () => {
  type Parsed = Extract<
    ReturnType<typeof import("@toktok/whatsapp-client").parseWebhookPayload>[number],
    { kind: "message" }
  >;
  expectTypeOf<Parsed>().toExtend<InboundMessage>();
});

test("the 24-hour window flag is on WhatsAppApiError", () => {
  expectTypeOf<WhatsAppApiError["requiresTemplate"]>().toEqualTypeOf<boolean>();
});

test("Analytics from @toktok/analytics is an AnalyticsSink", () => {
  expectTypeOf<Analytics>().toExtend<AnalyticsSink>();
});

test("RateLimiter from @toktok/cache is a RateLimiterLike", () => {
  expectTypeOf<RateLimiter>().toExtend<RateLimiterLike>();
});
