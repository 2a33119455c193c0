import { describe, expect, it } from "vitest";
import { bot, CLIENT } from "../../test-support/built-in-bot.js";

describe("auth flow", () => {
  it("signs a customer up from the menu, re-asking a bad name", async () => {
    const { backend, chat } = bot();
    await chat.send("menu");
    const role = await chat.tap("flow:auth");
    expect(role.text).toContain("Étape 1/2");
    await chat.send("client");
    const bad = await chat.send("42");
    expect(bad.text).toContain("au moins 2 lettres");
    const recap = await chat.send("Aline Ngoma");
    expect(recap.options).toEqual(["auth:confirm", "cmd:back", "cmd:cancel"]);
    const done = await chat.send("oui");
    expect(done.text).toContain("Compte créé ! Bienvenue Aline Ngoma.");
    expect(await backend.users.findByPhone(CLIENT)).toMatchObject({ role: "client", name: "Aline Ngoma" });
  });

  it("creates nothing when cancelled midway", async () => {
    const { backend, chat } = bot();
    await chat.send("menu");
    await chat.tap("flow:auth");
    await chat.tap("role:entreprise");
    await chat.send("Mama Ngudi");
    const cancelled = await chat.send("❌ annuler");
    expect(cancelled.text).toContain("Demande annulée");
    expect(await backend.users.findByPhone(CLIENT)).toBeUndefined();
  });
});

describe("switching between built-in flows", () => {
  it("moves from a courier request to tracking after confirmation", async () => {
    const { backend, chat } = bot();
    const m = await backend.missions.create({
      clientPhone: CLIENT,
      pickup: { address: "Poto-Poto" },
      destination: { address: "Bacongo" },
      parcelValue: 5000,
      description: "documents",
      recipient: { name: "Marie", phone: "+242069876543" },
    });
    await chat.send("Je veux envoyer un colis");
    const ask = await chat.send(`suivi ${m.reference}`);
    expect(ask.text).toContain("Envoyer un colis");
    expect(ask.text).toContain("Suivre un colis");
    const timeline = await chat.tap("cmd:yes");
    expect(timeline.text).toContain(`Suivi ${m.reference}`);
  });
});
