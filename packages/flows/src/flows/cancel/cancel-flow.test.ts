import { describe, expect, it } from "vitest";
import { bot, CLIENT, DRIVER, sendCourier } from "../../test-support/built-in-bot.js";
import { textOf } from "../../testing/recording-messenger.js";
import { createOrderDelivery } from "../merchant/order-delivery.js";

// "annuler" after confirming: the request just sent is cancelled, or the answer says which one can no
// longer be and why — never "Il n'y a rien à annuler" while something runs (issue 24).
describe("cancel flow", () => {
  it("cancels the mission just sent after a yes", async () => {
    const { backend, chat } = bot();
    await sendCourier(chat);
    const ask = await chat.send("annuler");
    expect(ask.text).toContain("Voulez-vous annuler *COUR-20261121-001* ?");
    const done = await chat.tap("✅ Oui, annuler");
    expect(done.text).toContain("COUR-20261121-001* est annulée");
    expect((await backend.missions.get("COUR-20261121-001"))?.status).toBe("cancelled");
    // Nothing left running: now there is nothing to cancel.
    expect((await chat.send("annuler")).text).toContain("Il n'y a rien à annuler");
  });

  it("keeps it on a no", async () => {
    const { backend, chat } = bot();
    await sendCourier(chat);
    await chat.send("annuler");
    const kept = await chat.tap("↩️ Non, garder");
    expect(kept.text).toContain("COUR-20261121-001* continue");
    expect((await backend.missions.get("COUR-20261121-001"))?.status).toBe("pending");
  });

  it("cancels a mission a driver accepted, before the pickup, and tells him not to go — without dispatch", async () => {
    const { backend, chat, messenger } = bot();
    await sendCourier(chat);
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: DRIVER });
    await backend.missions.updateStatus("COUR-20261121-001", "pickup_arrived");
    expect((await chat.send("annuler")).text).toContain("Voulez-vous annuler *COUR-20261121-001* ?");
    const done = await chat.tap("✅ Oui, annuler");
    expect(done.text).toContain("COUR-20261121-001* est annulée");
    expect((await backend.missions.get("COUR-20261121-001"))?.status).toBe("cancelled");
    expect(messenger.sent.filter((m) => m.to === DRIVER).map(textOf)).toEqual([
      "❌ La course COUR-20261121-001 a été annulée par le client. Ne vous déplacez pas.",
    ]);
  });

  it("tells the driver in his own language: his session's, else the default — never the customer's", async () => {
    for (const [driverSays, expected] of [
      ["english", "❌ Job COUR-20261121-001 was cancelled by the customer. Do not go."],
      [undefined, "❌ La course COUR-20261121-001 a été annulée par le client. Ne vous déplacez pas."],
    ] as const) {
      const { backend, chat, messenger } = bot();
      if (driverSays) await chat.as(DRIVER, "Jean").send(driverSays);
      await sendCourier(chat);
      const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
      await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: DRIVER });
      // The customer reads French when the driver reads English, and English when he reads the default.
      if (!driverSays) await chat.send("english");
      const before = messenger.sent.filter((m) => m.to === DRIVER).length;
      await chat.send("annuler");
      await chat.tap(driverSays ? "✅ Oui, annuler" : "✅ Yes, cancel");
      expect((await backend.missions.get("COUR-20261121-001"))?.status).toBe("cancelled");
      expect(
        messenger.sent
          .filter((m) => m.to === DRIVER)
          .slice(before)
          .map(textOf),
      ).toEqual([expected]);
    }
  });

  it("cancels a ready order and its delivery: the driver who had accepted it is told — without dispatch", async () => {
    const { backend, chat, messenger } = bot();
    const order = await backend.orders.create({
      clientPhone: CLIENT,
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "saka-saka", quantity: 1 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    await backend.orders.updateStatus(order.id, "confirmed");
    const ready = await backend.orders.updateStatus(order.id, "ready");
    const mission = await createOrderDelivery(backend, ready);
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept(mission.id, { id: driver.id, name: "Jean", phone: DRIVER });
    expect((await chat.send("annuler")).text).toContain(`Voulez-vous annuler *${order.reference}* ?`);
    await chat.tap("✅ Oui, annuler");
    expect((await backend.missions.get(mission.id))?.status).toBe("cancelled");
    expect(messenger.sent.filter((m) => m.to === DRIVER).map(textOf)).toEqual([
      `❌ La course ${mission.reference} a été annulée par le client. Ne vous déplacez pas.`,
    ]);
  });

  it("says precisely why a mission picked up can no longer be cancelled, and tells nobody", async () => {
    const { backend, messenger, chat } = bot();
    await sendCourier(chat);
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: DRIVER });
    await backend.missions.updateStatus("COUR-20261121-001", "pickup_arrived");
    await backend.missions.updateStatus("COUR-20261121-001", "picked_up");
    const refused = await chat.send("annuler");
    expect(refused.text).toContain("COUR-20261121-001* ne peut plus être annulée ici (Colis récupéré)");
    expect((await backend.missions.get("COUR-20261121-001"))?.status).toBe("picked_up");
    expect(messenger.sent.filter((m) => m.to === DRIVER)).toEqual([]);
  });

  it("cancels an order the shop confirmed and tells the shop", async () => {
    const { backend, messenger, chat } = bot();
    const order = await backend.orders.create({
      clientPhone: CLIENT,
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "saka-saka", quantity: 1 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    await backend.orders.updateStatus(order.id, "confirmed");
    const shop = (await backend.catalogue.merchant("chez-mama-ngudi"))?.phone ?? "?";
    await chat.send("annuler");
    const done = await chat.tap("✅ Oui, annuler");
    expect(done.text).toContain("CMD-20261121-001* est annulée");
    expect((await backend.orders.get("CMD-20261121-001"))?.status).toBe("cancelled");
    expect(messenger.sent.filter((m) => m.to === shop.replace(/\D/g, "")).map(textOf)).toEqual([
      "❌ Le client a annulé la commande CMD-20261121-001. Ne la préparez pas.",
    ]);
  });

  it("cancels a food order the shop has not confirmed yet", async () => {
    const { backend, chat } = bot();
    await backend.orders.create({
      clientPhone: CLIENT,
      merchantId: "chez-mama-ngudi",
      items: [{ productId: "saka-saka", quantity: 1 }],
      address: { address: "Bacongo" },
      payment: "cash",
    });
    await chat.send("annuler");
    const done = await chat.tap("✅ Oui, annuler");
    expect(done.text).toContain("CMD-20261121-001* est annulée");
    expect((await backend.orders.get("CMD-20261121-001"))?.status).toBe("cancelled");
  });
});
