import { describe, expect, it } from "vitest";
import { parseWebhookPayload, type TemplateInfo, TemplateRegistry, type WebhookEvent } from "../index.js";
import { kindFixture } from "../test-support/webhook-fixtures.js";

type TemplateEvent = Extract<WebhookEvent, { kind: "template_status" | "template_quality" | "template_category" }>;

const statusEvent = (status: string, seconds: number, language = "fr"): TemplateEvent => ({
  kind: "template_status",
  businessAccountId: "1",
  templateId: "42",
  templateName: "promotional_offer",
  language,
  status,
  timestamp: new Date(seconds * 1000),
  raw: {},
});
const quality = (score: string, seconds: number): TemplateEvent => ({
  kind: "template_quality",
  businessAccountId: "1",
  templateId: "42",
  templateName: "promotional_offer",
  language: "fr",
  quality: score,
  timestamp: new Date(seconds * 1000),
  raw: {},
});

const info: TemplateInfo = {
  id: "1",
  name: "",
  language: "fr",
  status: "APPROVED",
  category: "UTILITY",
  qualityScore: undefined,
  rejectedReason: undefined,
  components: [],
};

describe("TemplateRegistry", () => {
  it("a template paused by webhook is no longer usable; reinstated, it is again", () => {
    const registry = new TemplateRegistry({
      templates: [{ name: "promotional_offer", language: "fr", status: "APPROVED" }],
    });
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
    for (const event of parseWebhookPayload(kindFixture("template-status"))) expect(registry.apply(event)).toBe(true);
    expect(registry.isUsable("promotional_offer", "fr")).toBe(false);
    expect(registry.get("promotional_offer", "fr")).toMatchObject({
      status: "PAUSED",
      reason: "FIRST_PAUSE",
      id: "1689556908129832",
      category: "MARKETING",
    });
    expect(registry.apply(statusEvent("APPROVED", 1763740000))).toBe(true);
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
  });

  it.each(["PAUSED", "DISABLED", "REJECTED", "PENDING_DELETION", "DELETED"])("%s is not usable", (status) => {
    const registry = new TemplateRegistry();
    registry.apply(statusEvent(status, 1));
    expect(registry.isUsable("promotional_offer", "fr")).toBe(false);
  });

  it.each(["APPROVED", "FLAGGED", "LOCKED", "REINSTATED"])("%s stays usable", (status) => {
    const registry = new TemplateRegistry();
    registry.apply(statusEvent(status, 1));
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
  });

  it("RED quality makes a template unusable until its quality recovers", () => {
    const registry = new TemplateRegistry();
    for (const event of parseWebhookPayload(kindFixture("template-quality"))) registry.apply(event);
    expect(registry.isUsable("delivery_delayed", "fr")).toBe(false);
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
    registry.apply(quality("RED", 10));
    expect(registry.isUsable("promotional_offer", "fr")).toBe(false);
    registry.apply(quality("YELLOW", 20));
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
  });

  it("ignores a late redelivery of an older change, per aspect", () => {
    const registry = new TemplateRegistry();
    registry.apply(statusEvent("APPROVED", 200));
    expect(registry.apply(statusEvent("PAUSED", 100))).toBe(false);
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
    // An older quality change is still news for the quality.
    expect(registry.apply(quality("RED", 150))).toBe(true);
    expect(registry.isUsable("promotional_offer", "fr")).toBe(false);
  });

  it("seeds from listTemplates items as they are: a RED or paused template is not usable", () => {
    const listed: TemplateInfo[] = [
      { ...info, name: "feedback_request", status: "APPROVED", qualityScore: "RED" },
      { ...info, name: "payment_reminder", status: "PAUSED", qualityScore: undefined },
      { ...info, name: "mission_reminder", status: "APPROVED", qualityScore: "GREEN" },
    ];
    const registry = new TemplateRegistry({ templates: listed });
    expect(registry.isUsable("feedback_request", "fr")).toBe(false);
    expect(registry.isUsable("payment_reminder", "fr")).toBe(false);
    expect(registry.isUsable("mission_reminder", "fr")).toBe(true);
  });

  it("keys a template by name and locale, whatever Meta's separator", () => {
    const registry = new TemplateRegistry();
    registry.apply(statusEvent("DISABLED", 1, "en-US"));
    expect(registry.isUsable("promotional_offer", "en_US")).toBe(false);
    expect(registry.isUsable("promotional_offer", "fr")).toBe(true);
  });

  it("ignores other events, and seeds a new registry from a snapshot", () => {
    const registry = new TemplateRegistry();
    for (const event of parseWebhookPayload(kindFixture("status"))) expect(registry.apply(event)).toBe(false);
    for (const event of parseWebhookPayload(kindFixture("template-category"))) registry.apply(event);
    registry.apply(statusEvent("REJECTED", 1));
    const next = new TemplateRegistry({ templates: registry.list() });
    expect(next.isUsable("promotional_offer", "fr")).toBe(false);
    expect(next.get("payment_reminder", "fr")?.category).toBe("UTILITY");
  });
});
