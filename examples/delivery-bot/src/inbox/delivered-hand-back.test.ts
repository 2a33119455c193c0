// The mission delivered hands its customer back to the bot, end to end over HTTP (issue 22): the
// customer is held by an operator while the driver — a second WhatsApp user, through signed webhooks —
// drives the mission to "Livré" with the recipient's code; the customer then gets exactly one
// back-to-bot message, and the inbox records the hand-back.
import { catalogues } from "@toktok/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { orderCourier, tap } from "../test-support/courier-order.ts";
import { inboxApi, operatorToken, SECRET } from "./test-support.ts";

const CUSTOMER = "242061280001";
const RECIPIENT = "242061280002";
const DRIVER = "242055500031";

describe("hand-back on delivery over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      env: {
        DISPATCH: "on",
        DELIVERY_CODE_SECRET: "e2e-delivery-code-secret",
        DISPATCH_FAN_OUT: "1",
        DASHBOARD_JWT_SECRET: SECRET,
      },
    });
  });
  afterAll(() => sim.close());

  it("gives the operator's customer back to the bot with one message when the driver proves the delivery", async () => {
    const driver = sim.customer(DRIVER, "Jean");
    await sim.bot.backend.users.create({ phone: DRIVER, name: "Jean Mboungou", role: "livreur" });
    await driver.say("menu");
    await tap(driver, "flow:driver");
    await driver.expect("Aujourd'hui : 0 course(s)", 5_000);
    await driver.say("/loc -4.2589 15.2429");

    const grace = sim.customer(CUSTOMER, "Grâce");
    await orderCourier(grace, "06 128 0002");
    await driver.expect("Nouvelle course", 5_000);
    await tap(driver, "flow:driver");
    await driver.expect("Accepter", 5_000);
    await tap(driver, driver.choices.find((c) => c.id.startsWith("accept:"))?.id ?? "?");
    await driver.expect("acceptée", 5_000);
    for (const status of ["pickup_arrived", "picked_up", "in_transit"]) {
      await tap(driver, `status:${status}`);
      await driver.say("/loc -4.2756 15.2555");
      await driver.expect("Mettre à jour", 5_000);
    }
    // The recipient got the delivery code when the parcel left.
    const marie = sim.customer(RECIPIENT, "Marie");
    const codeLine = sim.graph.messages
      .filter((m) => m.to === RECIPIENT)
      .map((m) => (m.body.text as { body?: string } | undefined)?.body ?? "")
      .find((t) => t.includes("Code de livraison"));
    const code = /\*(\d{4})\*/.exec(codeLine ?? "")?.[1];
    expect(code, `${marie.waId} got no code`).toMatch(/^\d{4}$/);

    // The customer asks for a person; Awa takes the conversation.
    await grace.say("je veux parler à un agent");
    await grace.expect(catalogues.fr.handoff.waiting(5), 5_000);
    const awa = await operatorToken("op-awa", "Awa");
    expect((await inboxApi(sim, awa, `/conversations/${CUSTOMER}/take`, {})).status).toBe(200);
    await grace.expect(catalogues.fr.handoff.operatorJoined("Awa"), 5_000);

    await tap(driver, "status:arrived");
    await driver.say("/loc -4.2756 15.2555");
    await driver.expect("Mettre à jour", 5_000);
    await tap(driver, "status:delivered");
    await driver.expect("code à 4 chiffres", 5_000);
    await driver.say(code ?? "");
    await driver.expect("livrée", 5_000);
    await sim.bot.drain();

    const [mission] = await sim.bot.backend.missions.list({ clientPhone: CUSTOMER });
    expect(mission?.status).toBe("delivered");
    await expect.poll(() => sim.bot.engine.handoff?.owner(CUSTOMER)).toBe("bot");
    await sim.bot.drain();
    expect(grace.inbox.filter((m) => m.text === catalogues.fr.handoff.backToBot)).toHaveLength(1);
    const detail = await inboxApi(sim, awa, `/conversations/${CUSTOMER}`);
    expect(detail.body.conversation).toMatchObject({ owner: "bot" });
    expect(detail.body.messages).toContainEqual(expect.objectContaining({ kind: "released", text: "delivered" }));
    // Back with the bot: the customer's next word gets the bot's answer again.
    await grace.say("menu");
    await grace.expect("Menu", 5_000);
  }, 60_000);
});
