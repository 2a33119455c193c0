// Over HTTP with dispatch on and the Mobile Money stand-ins: the driver of a courier request paid by MTN
// MoMo is told, in the offer and when he accepts, that there is nothing to collect; the driver of a cash
// request is told what to collect (issue 21).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatedCustomer } from "../demo/customer.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { tap } from "../test-support/courier-order.ts";

const PICKUP = { lat: -4.2634, lng: 15.2429 };

/** A courier request in plain French up to the "who pays" step (the bot pays through the stand-ins). */
async function courierToWhoPays(customer: SimulatedCustomer): Promise<void> {
  for (const [say, expected] of [
    ["Bonjour, je veux envoyer un colis", "Où faut-il récupérer le colis"],
    [`/loc ${PICKUP.lat} ${PICKUP.lng}`, "Où faut-il livrer"],
    ["/loc -4.2756 15.2555", "valeur du colis"],
    ["quinze mille francs", "Que contient le colis"],
    ["Deux pagnes", "nom du destinataire"],
    ["Marie Okemba", "numéro de Marie Okemba"],
    ["06 123 4567", "Comment payez-vous la course"],
  ] as const) {
    await customer.say(say);
    await customer.expect(expected, 5_000);
  }
}

/** A driver opens "Mes missions" (online) and shares a position `km` north of the pickup. */
async function online(driver: SimulatedCustomer, km: number): Promise<void> {
  await driver.say("menu");
  await tap(driver, "flow:driver");
  await driver.expect("Aujourd'hui : 0 course(s)", 5_000);
  await driver.say(`/loc ${PICKUP.lat + km / 111.2} ${PICKUP.lng}`);
}

describe("the driver of a paid courier request collects nothing, over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      mobileMoney: {},
      env: { DISPATCH: "on", DELIVERY_CODE_SECRET: "e2e-delivery-code-secret", DISPATCH_FAN_OUT: "1" },
    });
  });
  afterAll(() => sim.close());

  it("MTN MoMo: the mission is created paid, the driver's offer and acceptance say 'Déjà payé'", async () => {
    const jean = sim.customer("242055500031", "Jean");
    await sim.bot.backend.users.create({ phone: jean.waId, name: "Jean", role: "livreur" });
    await online(jean, 0.5);

    const grace = sim.customer("242061234567", "Grâce");
    await courierToWhoPays(grace);
    await tap(grace, "pay:mtn_momo");
    await tap(grace, "payer:self");
    await grace.expect("Récapitulatif", 5_000);
    await tap(grace, "courier:confirm");
    await grace.expect("Confirmez le paiement", 5_000);
    await grace.expect("FCFA reçu", 10_000);

    const [mission] = await sim.bot.backend.missions.list({ clientPhone: grace.waId });
    expect(mission).toMatchObject({ payment: "mtn_momo" });
    expect(sim.mobileMoney?.mtn.debits.map((d) => [d.msisdn, d.amount])).toEqual([[grace.waId, mission?.price]]);

    await jean.expect(`Nouvelle course ${mission?.reference}`, 5_000);
    const offer = jean.inbox.find((m) => m.text.includes(`Nouvelle course ${mission?.reference}`))?.text ?? "";
    expect(offer).toContain("Déjà payé par");
    expect(offer).toContain("rien à encaisser");
    expect(offer).not.toContain("À encaisser");

    await tap(jean, "flow:driver");
    await jean.expect("Accepter", 5_000);
    await tap(jean, `accept:${mission?.id}`);
    await jean.expect("acceptée", 5_000);
    const accepted = jean.inbox.findLast((m) => m.text.includes("acceptée"))?.text ?? "";
    expect(accepted).toContain("Déjà payé par");
    expect(accepted).not.toContain("À encaisser");
    expect((await sim.bot.backend.missions.get(mission?.id ?? "?"))?.status).toBe("accepted");
  });

  it("cash: the driver's offer says what to collect", async () => {
    const paul = sim.customer("242055500032", "Paul");
    await sim.bot.backend.users.create({ phone: paul.waId, name: "Paul", role: "livreur" });
    // Nearer than Jean, so the one offer (fan-out 1) is his whether or not Jean counts as busy.
    await online(paul, 0.2);

    const aline = sim.customer("242061234568", "Aline");
    await courierToWhoPays(aline);
    await tap(aline, "pay:cash");
    await aline.expect("Récapitulatif", 5_000);
    await tap(aline, "courier:confirm");
    await aline.expect("Demande envoyée", 5_000);

    const [mission] = await sim.bot.backend.missions.list({ clientPhone: aline.waId });
    // No method, or cash, both mean the driver collects the price.
    expect(mission?.payment ?? "cash").toBe("cash");
    await paul.expect(`Nouvelle course ${mission?.reference}`, 5_000);
    const offer = paul.inbox.find((m) => m.text.includes(`Nouvelle course ${mission?.reference}`))?.text ?? "";
    expect(offer).toContain("À encaisser en espèces");
    expect(offer).not.toContain("Déjà payé");
  });
});
