import { describe, expect, it } from "vitest";
import { bot, CLIENT } from "../../test-support/built-in-bot.js";

describe("tracking flow", () => {
  it("answers « suivi <référence> » at once with the timeline", async () => {
    const { backend, chat } = bot();
    const m = await backend.missions.create({
      clientPhone: CLIENT,
      pickup: { address: "Poto-Poto" },
      destination: { address: "Bacongo" },
      parcelValue: 20000,
      description: "documents",
      recipient: { name: "Marie", phone: "+242069876543" },
    });
    await backend.missions.accept(m.id, { id: "usr_9", name: "Jean", phone: "242055500001" });
    const turn = await chat.send(`Bonsoir, suivi ${m.reference.toLowerCase()} svp`);
    expect(turn.text).toContain(`Suivi ${m.reference}`);
    expect(turn.text).toContain("🗺️ Poto-Poto → Bacongo");
    expect(turn.text).toContain("✅ Livreur assigné");
    expect(turn.text).toContain("🔵 Livreur au point de retrait");
    expect(turn.text).toContain("Livreur : Jean");
  });

  it("lists the user's deliveries and orders, and re-asks for an unknown reference", async () => {
    const { backend, chat } = bot();
    const order = await backend.orders.create({
      clientPhone: CLIENT,
      merchantId: "epicerie-plateau",
      items: [{ productId: "riz-5kg", quantity: 1 }],
      address: { address: "Moungali" },
      payment: "cash",
    });
    const ask = await chat.send("où est mon colis");
    expect(ask.options).toEqual([`track:${order.reference}`]);
    const bad = await chat.send("COUR-20990101-999");
    expect(bad.text).toContain("Référence introuvable");
    const timeline = await chat.tap(`track:${order.reference}`);
    expect(timeline.text).toContain("Épicerie du Plateau → Moungali");
    expect(timeline.text).toContain("✅ Commande reçue");
    expect(timeline.text).toContain("🔵 Confirmée par le commerce");
  });
});
