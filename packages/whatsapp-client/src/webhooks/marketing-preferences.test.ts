import { describe, expect, it } from "vitest";
import { MarketingPreferences, parseWebhookPayload, type WebhookEvent } from "../index.js";
import { fixture, kindFixture } from "../test-support/webhook-fixtures.js";

const choice = (value: string, seconds: number, category = "marketing_messages"): WebhookEvent => ({
  kind: "user_preference",
  businessAccountId: "1",
  phoneNumberId: "2",
  waId: "242061234567",
  category,
  value,
  timestamp: new Date(seconds * 1000),
});

describe("MarketingPreferences", () => {
  it("a STOP from the user_preferences webhook stops marketing to that user only", () => {
    const marketing = new MarketingPreferences();
    for (const event of parseWebhookPayload(kindFixture("user-preference"))) expect(marketing.apply(event)).toBe(true);
    expect(marketing.allows("242061234567")).toBe(false);
    expect(marketing.allows("242057654321")).toBe(true);
  });

  it("a STOP sent as a system message (user_preference_changed) is read, typed, and stops marketing", () => {
    const events = parseWebhookPayload(fixture("message-system-marketing"));
    expect(events).toMatchObject([
      {
        kind: "message",
        from: "242061234567",
        timestamp: new Date(1763727000 * 1000),
        message: { type: "system", systemType: "user_preference_changed", marketing: "stop" },
      },
    ]);
    const marketing = new MarketingPreferences();
    for (const event of events) expect(marketing.apply(event)).toBe(true);
    expect(marketing.allows("242061234567")).toBe(false);
    // A newer resume on the user_preferences field lifts it.
    marketing.apply(choice("resume", 1763727100));
    expect(marketing.allows("242061234567")).toBe(true);
  });

  it("ignores other system messages, and a preference change without a stop or resume", () => {
    const marketing = new MarketingPreferences();
    for (const event of parseWebhookPayload(fixture("message-system"))) expect(marketing.apply(event)).toBe(false);
    const payload = fixture("message-system-marketing");
    const text = JSON.stringify(payload).replace('"marketing":"stop"', '"marketing":"maybe"');
    for (const event of parseWebhookPayload(text)) expect(marketing.apply(event)).toBe(false);
    expect(marketing.list()).toEqual([]);
  });

  it("resume wins when newer; a late redelivery of an older stop is ignored", () => {
    const marketing = new MarketingPreferences();
    marketing.apply(choice("stop", 100));
    expect(marketing.apply(choice("resume", 200))).toBe(true);
    expect(marketing.allows("242061234567")).toBe(true);
    expect(marketing.apply(choice("stop", 100))).toBe(false);
    expect(marketing.allows("242061234567")).toBe(true);
  });

  it("ignores other categories, unknown values and other events", () => {
    const marketing = new MarketingPreferences();
    expect(marketing.apply(choice("stop", 1, "utility_messages"))).toBe(false);
    expect(marketing.apply(choice("pause", 1))).toBe(false);
    for (const event of parseWebhookPayload(kindFixture("template-status"))) expect(marketing.apply(event)).toBe(false);
    expect(marketing.allows("242061234567")).toBe(true);
  });

  it("survives a restart through a snapshot", () => {
    const marketing = new MarketingPreferences();
    marketing.apply(choice("stop", 1));
    const next = new MarketingPreferences({ preferences: marketing.list() });
    expect(next.allows("242061234567")).toBe(false);
  });
});
