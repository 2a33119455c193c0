import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Mission } from "../backend/types.js";
import { catalogues } from "../i18n/catalogue.js";
import type { TemplateMessage } from "../messaging/messenger.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createNotifier } from "./notifier.js";
import { defaultTemplates } from "./templates.js";

// The approved bodies, as the customer reads them once WhatsApp fills the variables.
const bodies: Record<string, string> = {
  mission_reminder: "Bonjour {{1}}, rappel : la course {{2}} est prévue le {{3}} au départ de {{4}}.",
  delivery_delayed: "{{1}}, votre livraison {{2}} est retardée. Nouvelle arrivée estimée : {{3}}. Motif : {{4}}.",
  feedback_request: "{{1}}, comment s'est passée la course {{2}} ?",
  delivery_update: "{{1}}, votre course {{2}} : {{3}}.",
  delivery_code: "{{1}}, le colis {{2}} est en route vers vous. Code de livraison à donner au livreur : {{3}}.",
};

function rendered(template: TemplateMessage): string {
  const body = template.components?.find((c) => c.type === "body");
  const values = (body?.parameters ?? []).map((p) => {
    const q = p as { text?: string; date_time?: { fallback_value: string }; currency?: { fallback_value: string } };
    return q.text ?? q.date_time?.fallback_value ?? q.currency?.fallback_value ?? "";
  });
  return (bodies[template.name] ?? "").replace(/\{\{(\d)\}\}/g, (_, n) => values[Number(n) - 1] ?? "");
}

const windowClosed = Object.assign(new Error("(#131047) Re-engagement message"), { code: 131047 });
const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function mission(backend: MemoryBackend, clientName?: string): Promise<Mission> {
  return backend.missions.create({
    clientPhone: "242069990000",
    ...(clientName ? { clientName } : {}),
    pickup: { address: "Marché Total" },
    destination: { address: "Plateau" },
    parcelValue: 5000,
    description: "Un sac",
    recipient: { name: "Marie Loubaki", phone: "242068880000" },
  });
}

describe("templates outside the 24-hour window", () => {
  it("a closed window gets mission_reminder greeting the customer by name, its date in French, no ISO", async () => {
    // 21 November 2024, 09:05 UTC: a Thursday, 10:05 in Brazzaville.
    const backend = new MemoryBackend({ now: () => Date.parse("2024-11-21T09:05:00Z") });
    const messenger = new RecordingMessenger();
    const notifier = createNotifier({ messenger, backend });
    const m = await backend.missions.accept((await mission(backend, "Grâce Mabiala")).id, {
      id: "d1",
      name: "Jean",
      phone: "242060000001",
    });
    messenger.failNextSend(windowClosed);
    const result = await notifier.notifyMissionStatus(m, "accepted");
    expect(result.usedTemplate).toBe(true);
    const sent = messenger.sent.find((x) => x.type === "template");
    const template = sent?.type === "template" ? sent.template : undefined;
    expect(template?.name).toBe("mission_reminder");
    const text = rendered(template as TemplateMessage);
    expect(text).toBe(
      "Bonjour Grâce Mabiala, rappel : la course " +
        `${m.reference} est prévue le jeudi 21 novembre à 10 h 05 au départ de Marché Total.`,
    );
    expect(text).not.toMatch(iso);
  });

  it("an order's template greets the customer by the account's name, not 'client'", async () => {
    const backend = new MemoryBackend();
    await backend.users.create({ phone: "242069990000", name: "Albert Okemba", role: "client" });
    const [category] = await backend.catalogue.categories();
    const [shop] = await backend.catalogue.merchants(category?.id ?? "");
    const [product] = await backend.catalogue.products(shop?.id ?? "");
    const order = await backend.orders.create({
      clientPhone: "242069990000",
      merchantId: shop?.id ?? "",
      items: [{ productId: product?.id ?? "", quantity: 1 }],
      address: { address: "Moungali" },
      payment: "cash",
    });
    const messenger = new RecordingMessenger();
    messenger.failNextSend(windowClosed);
    await createNotifier({ messenger, backend }).notifyOrderStatus(order, "confirmed");
    const sent = messenger.sent.find((x) => x.type === "template");
    const text = rendered(sent?.type === "template" ? sent.template : { name: "", language: "fr" });
    expect(text).toMatch(/^Bonjour Albert Okemba, rappel/);
    expect(text).not.toMatch(iso);
    // Out for delivery: the status in words, never a reminder of the shop's preparation.
    const onItsWay = defaultTemplates(
      { kind: "order", order, status: "in_delivery", to: order.clientPhone },
      catalogues.fr,
      "fr",
    );
    expect(onItsWay?.name).toBe("delivery_update");
    expect(rendered(onItsWay as TemplateMessage)).toContain("En livraison");
  });

  it("fits the template to the status: feedback_request delivered, delivery_delayed late, none cancelled", async () => {
    const backend = new MemoryBackend();
    const m = await mission(backend);
    const t = catalogues.fr;
    const to = m.clientPhone;
    expect(defaultTemplates({ kind: "mission", mission: m, status: "delivered", to }, t, "fr")?.name).toBe(
      "feedback_request",
    );
    expect(defaultTemplates({ kind: "mission", mission: m, status: "cancelled", to }, t, "fr")).toBeUndefined();
    const late = defaultTemplates(
      { kind: "delayed", mission: m, newEta: new Date("2024-11-21T16:40:00Z"), reason: "trafic", to },
      t,
      "fr",
    );
    expect(rendered(late as TemplateMessage)).toBe(
      `client, votre livraison ${m.reference} est retardée. Nouvelle arrivée estimée : jeudi 21 novembre à 17 h 40. Motif : trafic.`,
    );
    // The parcel's recipient is greeted by their own name.
    const toRecipient = defaultTemplates(
      { kind: "mission", mission: m, status: "in_transit", to: m.recipient.phone },
      t,
      "fr",
    );
    expect(rendered(toRecipient as TemplateMessage)).toBe(`Marie Loubaki, votre course ${m.reference} : En route.`);
  });

  it("a parcel on its way gets delivery_update with its status in words, not the pickup reminder; before the pickup, mission_reminder", async () => {
    const m = await mission(new MemoryBackend(), "Grâce");
    const t = catalogues.fr;
    const to = m.clientPhone;
    const texts = (["picked_up", "in_transit", "arrived"] as const).map((status) =>
      rendered(defaultTemplates({ kind: "mission", mission: m, status, to }, t, "fr") as TemplateMessage),
    );
    expect(texts).toEqual([
      `Grâce, votre course ${m.reference} : Colis récupéré.`,
      `Grâce, votre course ${m.reference} : En route.`,
      `Grâce, votre course ${m.reference} : Arrivé à destination.`,
    ]);
    for (const status of ["pending", "accepted", "pickup_arrived"] as const) {
      expect(defaultTemplates({ kind: "mission", mission: m, status, to }, t, "fr")?.name).toBe("mission_reminder");
    }
    const code = defaultTemplates({ kind: "code", mission: m, code: "0427", to: m.recipient.phone }, t, "fr");
    expect(rendered(code as TemplateMessage)).toBe(
      `Marie Loubaki, le colis ${m.reference} est en route vers vous. Code de livraison à donner au livreur : 0427.`,
    );
  });
});
