import { describe, expect, it } from "vitest";
import { bot, DRIVER, sendCourier } from "../../test-support/built-in-bot.js";
import { textOf } from "../../testing/recording-messenger.js";

// "Reporter": the customer moves the pickup of the mission just sent to a time said in French,
// confirmed back in French words in Brazzaville time (the conversation's clock: Saturday 21 November
// 2026, 10:00 in Brazzaville).
describe("reschedule flow", () => {
  it("moves an accepted mission to 'demain à 10h', said back in French, stored as the instant", async () => {
    const { backend, chat } = bot();
    await sendCourier(chat);
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: DRIVER });
    expect((await chat.send("Je veux reporter ma course")).text).toContain(
      "Pour quand voulez-vous reporter *COUR-20261121-001*",
    );
    expect((await chat.send("bientôt")).text).toContain("Je n'ai pas compris le jour et l'heure");
    expect((await chat.send("aujourd'hui à 8h")).text).toContain("Cette heure est déjà passée");
    const ask = await chat.send("demain à 10h");
    expect(ask.text).toContain("Reporter *COUR-20261121-001* au *dimanche 22 novembre à 10 h 00* ?");
    expect(ask.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const done = await chat.tap("✅ Oui, reporter");
    expect(done.text).toContain("*COUR-20261121-001* est reportée au *dimanche 22 novembre à 10 h 00*");
    expect((await backend.missions.get("COUR-20261121-001"))?.scheduledAt).toBe("2026-11-22T09:00:00.000Z");
  });

  it("tells the driver who had accepted the mission its new time, once — without dispatch", async () => {
    const { backend, chat, messenger } = bot();
    await sendCourier(chat);
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: `+${DRIVER}` });
    await chat.send("reporter");
    await chat.send("demain à 10h");
    await chat.tap("✅ Oui, reporter");
    expect(messenger.sent.filter((m) => m.to === DRIVER).map(textOf)).toEqual([
      "🗓️ Le client a reporté la course COUR-20261121-001 : retrait le dimanche 22 novembre à 10 h 00.",
    ]);
  });

  it("tells the driver in his own language, not the customer's", async () => {
    const { backend, chat, messenger } = bot();
    await chat.as(DRIVER, "Jean").send("english");
    await sendCourier(chat);
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: DRIVER });
    const before = messenger.sent.filter((m) => m.to === DRIVER).length;
    await chat.send("reporter");
    await chat.send("demain à 10h");
    await chat.tap("✅ Oui, reporter");
    expect(
      messenger.sent
        .filter((m) => m.to === DRIVER)
        .slice(before)
        .map(textOf),
    ).toEqual(["🗓️ The customer moved job COUR-20261121-001: pickup on Sunday 22 November at 10:00."]);
  });

  it("keeps the time on a no, and refuses once the parcel is picked up", async () => {
    const { backend, chat } = bot();
    await sendCourier(chat);
    await chat.send("décaler");
    await chat.send("jeudi 14h");
    expect((await chat.tap("↩️ Non")).text).toContain("*COUR-20261121-001* garde son horaire");
    expect((await backend.missions.get("COUR-20261121-001"))?.scheduledAt).toBeUndefined();
    const driver = await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    await backend.missions.accept("COUR-20261121-001", { id: driver.id, name: "Jean", phone: DRIVER });
    await backend.missions.updateStatus("COUR-20261121-001", "pickup_arrived");
    await backend.missions.updateStatus("COUR-20261121-001", "picked_up");
    expect((await chat.send("reporter")).text).toContain("ne peut plus être reportée (Colis récupéré)");
  });
});
