// The delivery loop over HTTP (signed webhooks in, the Graph stand-in out) with DISPATCH=on: two
// drivers online at different distances, the nearer one offered the mission first, the delivery
// proven with the recipient's code, and the completion in the analytics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { orderCourier, tap } from "../test-support/courier-order.ts";

const CUSTOMER = "242061234567";
const NEAR = "242055500021";
const FAR = "242055500022";

describe("dispatch end to end over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      env: { DISPATCH: "on", DELIVERY_CODE_SECRET: "e2e-delivery-code-secret", DISPATCH_FAN_OUT: "1" },
    });
  });
  afterAll(() => sim.close());

  it("offers the nearer driver first and closes the loop with a proven delivery", async () => {
    const near = sim.customer(NEAR, "Jean");
    const far = sim.customer(FAR, "Paul");
    await sim.bot.backend.users.create({ phone: NEAR, name: "Jean Near", role: "livreur" });
    await sim.bot.backend.users.create({ phone: FAR, name: "Paul Far", role: "livreur" });
    // Both open "Mes missions" (online) and share where they are: 0.5 km and 2.5 km north of the pickup.
    for (const [driver, lat] of [
      [near, -4.2634 + 0.5 / 111.2],
      [far, -4.2634 + 2.5 / 111.2],
    ] as const) {
      await driver.say("menu");
      await tap(driver, "flow:driver");
      await driver.expect("Aujourd'hui : 0 course(s)", 5_000);
      await driver.say(`/loc ${lat} 15.2429`);
    }

    const grace = sim.customer(CUSTOMER, "Grâce");
    await orderCourier(grace, "06 123 4567");
    await near.expect("Nouvelle course", 5_000);
    expect(far.inbox.some((m) => m.text.includes("Nouvelle course"))).toBe(false);

    await tap(near, "flow:driver");
    await near.expect("Accepter", 5_000);
    const accept = near.choices.find((c) => c.id.startsWith("accept:"));
    await tap(near, accept?.id ?? "?");
    await near.expect("acceptée", 5_000);
    // The customer: the driver's card, his pin and the ETA in French words.
    await grace.expect("environ", 5_000);
    expect(grace.inbox.some((m) => m.text.startsWith("👤 Jean Near"))).toBe(true);
    expect(grace.inbox.some((m) => m.text.startsWith("📍 Votre livreur"))).toBe(true);

    for (const status of ["pickup_arrived", "picked_up", "in_transit", "arrived"]) {
      await tap(near, `status:${status}`);
      await near.say("/loc -4.2756 15.2555");
      await near.expect("Mettre à jour", 5_000);
    }
    // The recipient (here the customer's own number) got the delivery code when the parcel left.
    const code = /\*(\d{4})\*/.exec(grace.inbox.find((m) => m.text.includes("Code de livraison"))?.text ?? "")?.[1];
    expect(code).toMatch(/^\d{4}$/);
    await tap(near, "status:delivered");
    await near.expect("code à 4 chiffres", 5_000);
    await near.say(code ?? "");
    await near.expect("livrée", 5_000);

    const [mission] = await sim.bot.backend.missions.list({ clientPhone: CUSTOMER });
    expect(mission?.status).toBe("delivered");
    const summary = await sim.bot.analytics.getSummary();
    expect(summary.conversions.byType).toMatchObject({ mission_completed: { count: 1, revenueXaf: mission?.price } });

    // The customer rates the delivery with the buttons that followed it, and comments.
    await grace.expect("Comment s'est passée la livraison", 5_000);
    await tap(grace, `feedback:${mission?.reference}:good`);
    await grace.expect("5/5", 5_000);
    await grace.say("Parfait");
    await grace.expect("Merci", 5_000);
    // The rating reached the analytics, the operator's satisfaction figures.
    expect(await sim.bot.analytics.getSatisfaction()).toEqual({
      count: 1,
      average: 5,
      lowShare: 0,
      byDriver: { [mission?.driver?.id ?? "?"]: { name: "Jean Near", count: 1, average: 5 } },
    });
  });
});
