import { promotionalOffer } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { MarketingConsents } from "../notifications/marketing-consent.js";
import { createNotifier } from "../notifications/notifier.js";
import type { TemplateSkip } from "../notifications/template-gate.js";
import { createTestConversation } from "../testing/test-conversation.js";

const CLIENT = "242061234567";

const setup = () => {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const marketing = new MarketingConsents();
  const chat = createTestConversation({ flows: [courierFlow({ backend })], contactName: "Aline", marketing });
  const skipped: TemplateSkip[] = [];
  const notifier = createNotifier({
    messenger: chat.messenger,
    marketing,
    onTemplateSkipped: (skip) => skipped.push(skip),
  });
  const offer = promotionalOffer({ name: "Aline", offer: "Livraison", priceXaf: 500, validUntil: "dimanche" });
  return { chat, marketing, notifier, offer, skipped };
};

/** A courier mission typed end to end, up to the confirmation tap. */
async function orderOnce(chat: ReturnType<typeof setup>["chat"]) {
  await chat.send("je veux envoyer un colis de 15000 F à Marie 06 123 4567");
  await chat.send("Poto-Poto, avenue de la Paix");
  await chat.send("Bacongo");
  await chat.send("Un sac de vêtements");
  await chat.send("Marie");
  return chat.tap("courier:confirm");
}

describe("marketing consent in the conversation", () => {
  it("asks once after the first order; a tapped Oui opts in and the offer then goes out", async () => {
    const { chat, marketing, notifier, offer, skipped } = setup();
    // Unknown: the gate sends no promotional_offer.
    expect(await notifier.sendPromotion?.(CLIENT, offer)).toMatchObject({ notSent: 1 });
    expect(skipped.map((s) => s.reason)).toEqual(["no_marketing_consent"]);

    const done = await orderOnce(chat);
    expect(done.text).toContain("COUR-20261121-001");
    expect(done.text).toContain("Voulez-vous recevoir nos offres et promotions sur WhatsApp ?");
    expect(done.options).toEqual(["marketing:yes", "marketing:no"]);

    const yes = await chat.tap("marketing:yes");
    expect(yes.text).toContain("vous recevrez nos offres");
    expect(marketing.get(CLIENT)).toMatchObject({ state: "opted_in", source: "button" });
    expect(await notifier.sendPromotion?.(CLIENT, offer)).toMatchObject({ usedTemplate: true });

    // Answer remembered: the next order asks nothing.
    const again = await orderOnce(chat);
    expect(again.text).not.toContain("offres et promotions");
  });

  it("a typed « non » to the question is remembered as no marketing", async () => {
    const { chat, marketing } = setup();
    await orderOnce(chat);
    const no = await chat.send("non");
    expect(no.text).toContain("Tapez OFFRES si vous changez d'avis");
    expect(marketing.get(CLIENT)).toMatchObject({ state: "stopped", source: "typed" });
    expect((await orderOnce(chat)).text).not.toContain("offres et promotions");
  });

  it("typed OFFRES opts in at any time; typed STOP opts out, says so, and still cancels the flow in progress", async () => {
    const { chat, marketing, notifier, offer, skipped } = setup();
    const promos = await chat.send("Promos !");
    expect(promos.text).toContain("vous recevrez nos offres");
    expect(marketing.get(CLIENT)).toMatchObject({ state: "opted_in", source: "typed" });

    await chat.send("je veux envoyer un colis");
    const stop = await chat.send("ARRÊT");
    expect(stop.text).toContain("Vous ne recevrez plus nos offres. Tapez OFFRES pour les recevoir à nouveau.");
    expect(stop.text).toContain("Demande annulée");
    expect(marketing.get(CLIENT)).toMatchObject({ state: "stopped", source: "typed" });
    expect(await notifier.sendPromotion?.(CLIENT, offer)).toMatchObject({ notSent: 1 });
    expect(skipped.map((s) => s.reason)).toEqual(["marketing_opt_out"]);

    // "stop pub" when idle: the opt-out alone, no cancel flow.
    const idle = await chat.send("stop pub");
    expect(idle.text).toContain("Vous ne recevrez plus nos offres");
    expect(idle.text).not.toContain("annul");
  });

  it("without a consent book, « stop » stays only the cancel command", async () => {
    const backend = new MemoryBackend();
    const chat = createTestConversation({ flows: [courierFlow({ backend })] });
    await chat.send("je veux envoyer un colis");
    const stop = await chat.send("stop");
    expect(stop.text).toContain("Demande annulée");
    expect(stop.text).not.toContain("offres");
  });
});
