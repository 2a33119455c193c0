import { parseWebhookPayload, promotionalOffer, TemplateRegistry, WhatsAppApiError } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { MarketingConsents } from "./marketing-consent.js";
import { createNotifier } from "./notifier.js";
import type { TemplateSkip } from "./template-gate.js";
import { defaultTemplates, type TemplatePicker } from "./templates.js";

const CLIENT = "242061234567";
const RECIPIENT = "242069876543";

/** Every session message fails as when the customer's 24-hour window is closed; templates go through. */
class WindowClosed extends RecordingMessenger {
  constructor() {
    super();
    for (const method of ["sendText", "sendContacts", "sendReplyButtons", "sendList"] as const) {
      (this as unknown as Record<string, unknown>)[method] = () =>
        Promise.reject(new WhatsAppApiError({ status: 400, code: 131047, message: "Re-engagement message" }));
    }
  }
}

/** A template webhook as Meta sends it (`message_template_status_update`), read by the public parser. */
const templateStatus = (name: string, event: string, time: number) =>
  parseWebhookPayload({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        time,
        changes: [
          {
            field: "message_template_status_update",
            value: {
              event,
              message_template_id: 1689556908129832,
              message_template_name: name,
              message_template_language: "fr",
              reason: "NONE",
            },
          },
        ],
      },
    ],
  });

const userStops = (waId: string) =>
  parseWebhookPayload({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "user_preferences",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "242060000000", phone_number_id: "106540352242922" },
              contacts: [{ wa_id: waId, profile: { name: "Aline" } }],
              user_preferences: [
                {
                  wa_id: waId,
                  detail: "User requested to stop marketing messages",
                  category: "marketing_messages",
                  value: "stop",
                  timestamp: 1763730000,
                },
              ],
            },
          },
        ],
      },
    ],
  });

async function delivered() {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const m = await backend.missions.create({
    clientPhone: CLIENT,
    clientName: "Aline",
    pickup: { address: "Poto-Poto" },
    destination: { address: "Bacongo" },
    parcelValue: 5000,
    description: "documents",
    recipient: { name: "Marie", phone: RECIPIENT },
  });
  return m;
}

describe("the notifier and the template lifecycle", () => {
  it("stops using a template paused by webhook, falls back to the next usable one, and says so", async () => {
    const messenger = new WindowClosed();
    const templates = new TemplateRegistry();
    const skipped: TemplateSkip[] = [];
    const plainReminder: TemplatePicker = (subject, t, language) =>
      defaultTemplates({ ...subject, status: "accepted" } as typeof subject, t, language);
    const notifier = createNotifier({
      messenger,
      templates: [defaultTemplates, plainReminder],
      templateHealth: templates,
      onTemplateSkipped: (skip) => skipped.push(skip),
    });
    const mission = await delivered();

    const before = await notifier.notifyMissionStatus(mission, "delivered");
    expect(before.usedTemplate).toBe(true);
    expect(messenger.sent.at(-1)).toMatchObject({ type: "template", template: { name: "feedback_request" } });

    for (const event of templateStatus("feedback_request", "PAUSED", 1763730000)) templates.apply(event);
    const after = await notifier.notifyMissionStatus(mission, "delivered");
    expect(after.usedTemplate).toBe(true);
    expect(messenger.sent.at(-1)).toMatchObject({ type: "template", template: { name: "mission_reminder" } });
    // Reported once, the number masked.
    expect(skipped.map((s) => [s.template, s.reason])).toEqual([["feedback_request", "template_unusable"]]);
    expect(skipped.map((s) => s.to).join(" ")).not.toMatch(/1234567|9876543/);

    // Reinstated by a later webhook: used again.
    for (const event of templateStatus("feedback_request", "APPROVED", 1763740000)) templates.apply(event);
    await notifier.notifyMissionStatus(mission, "delivered");
    expect(messenger.sent.at(-1)).toMatchObject({ template: { name: "feedback_request" } });
  });

  it("records the message as not sent when no usable template is left", async () => {
    const messenger = new WindowClosed();
    const templates = new TemplateRegistry();
    for (const event of templateStatus("feedback_request", "DISABLED", 1763730000)) templates.apply(event);
    const notifier = createNotifier({ messenger, templateHealth: templates });
    const result = await notifier.notifyMissionStatus(await delivered(), "delivered");
    expect(result).toMatchObject({ usedTemplate: false, notSent: 1, messageIds: [] });
    expect(messenger.sent).toEqual([]);
  });

  it("sends promotional_offer only to a user who opted in: never to an unknown one, nor after Meta's STOP", async () => {
    const offer: TemplatePicker = (_subject, _t, language) =>
      promotionalOffer({ name: "Aline", offer: "Riz 5 kg", priceXaf: 4500, validUntil: "dimanche", language });
    const marketing = new MarketingConsents();
    const skipped: TemplateSkip[] = [];
    const notifier = createNotifier({
      messenger: new WindowClosed(),
      templates: offer,
      marketing,
      onTemplateSkipped: (skip) => skipped.push(skip),
    });
    const mission = await delivered();
    // Unknown: no consent, nothing sent.
    expect(await notifier.notifyMissionStatus(mission, "delivered")).toMatchObject({ usedTemplate: false, notSent: 1 });
    marketing.record({ waId: CLIENT, state: "opted_in", at: new Date(1763720000_000), source: "button" });
    expect((await notifier.notifyMissionStatus(mission, "delivered")).usedTemplate).toBe(true);
    // Meta's "Stop promotions" (newer than the opt-in) wins.
    for (const event of userStops(CLIENT)) marketing.apply(event);
    expect(marketing.get(CLIENT)).toMatchObject({ state: "stopped", source: "webhook" });
    const result = await notifier.notifyMissionStatus(mission, "delivered");
    expect(result).toMatchObject({ usedTemplate: false, notSent: 1, messageIds: [] });
    expect(skipped.map((s) => s.reason)).toEqual(["no_marketing_consent", "marketing_opt_out"]);
  });

  it("sendPromotion sends the offer to an opted-in user only, and sends none without a consent book", async () => {
    const offer = promotionalOffer({ name: "Aline", offer: "Riz 5 kg", priceXaf: 4500, validUntil: "dimanche" });
    const messenger = new RecordingMessenger();
    const marketing = new MarketingConsents({
      records: [{ waId: CLIENT, state: "opted_in", at: new Date(1763720000_000), source: "typed" }],
    });
    const notifier = createNotifier({ messenger, marketing });
    expect(await notifier.sendPromotion?.(CLIENT, offer)).toMatchObject({ usedTemplate: true });
    expect(await notifier.sendPromotion?.(RECIPIENT, offer)).toMatchObject({ usedTemplate: false, notSent: 1 });
    expect(await createNotifier({ messenger }).sendPromotion?.(CLIENT, offer)).toMatchObject({ notSent: 1 });
    expect(messenger.sent.map((m) => [m.to, m.type])).toEqual([[CLIENT, "template"]]);
  });

  it("keeps the newest choice: a late redelivery of an older one changes nothing", () => {
    const marketing = new MarketingConsents();
    expect(marketing.record({ waId: CLIENT, state: "stopped", at: new Date(2000), source: "typed" })).toBe(true);
    expect(marketing.record({ waId: CLIENT, state: "opted_in", at: new Date(1000), source: "button" })).toBe(false);
    expect(marketing.consentOf(CLIENT)).toBe("stopped");
    expect(marketing.consentOf(RECIPIENT)).toBeUndefined();
  });
});
