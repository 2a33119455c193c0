import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

describe("a courier request end to end", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
  });
  afterAll(() => sim.close());

  it("goes from free text to a created mission, priced and tracked in analytics", async () => {
    const grace = sim.customer("242061234567", "Grâce");
    const turn = async (say: string, expected: string) => {
      await grace.say(say);
      await grace.expect(expected, 5_000);
    };
    await turn("Bonjour, je veux envoyer un colis", "Où faut-il récupérer le colis");
    await turn("/loc -4.2634 15.2429", "Où faut-il livrer");
    await turn("Rond-point Moungali", "valeur du colis");
    await turn("quinze mille francs", "Que contient le colis");
    await turn("Deux pagnes et des documents", "nom du destinataire");
    await turn("Marie Okemba", "numéro de Marie Okemba");
    await turn("06 123 4567", "Récapitulatif");
    expect(grace.choices.map((c) => c.id).length).toBe(3);
    await turn("1", "Demande envoyée");

    const missions = (await sim.bot.backend.missions.list({})).filter(
      (m) => m.clientPhone.replace(/\D/g, "") === "242061234567",
    );
    expect(missions).toHaveLength(1);
    const [mission] = missions;
    expect(mission).toMatchObject({
      status: "pending",
      parcelValue: 15_000,
      description: "Deux pagnes et des documents",
      recipient: { name: "Marie Okemba", phone: "+242061234567" },
      pickup: { latitude: -4.2634, longitude: 15.2429 },
      destination: { address: expect.stringMatching(/Moungali/) },
    });
    expect(mission?.price).toBeGreaterThan(0);
    // The confirmation quotes the mission's reference and price (then, to a first-time customer, the
    // one marketing-consent question, which comes last).
    const confirmation = grace.inbox.find((m) => m.text.includes(mission?.reference ?? "COUR-"));
    expect(confirmation?.text).toContain("Demande envoyée");
    expect(grace.inbox.at(-1)?.text).toContain("Voulez-vous recevoir nos offres");

    const summary = await sim.bot.analytics.getSummary();
    expect(summary.conversions.total).toBe(1);
    expect(summary.revenueXaf).toBe(mission?.price);
  });
});
