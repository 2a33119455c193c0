// Over HTTP (signed webhooks in, the Graph stand-in out) with dispatch on: a mission left past its ETA
// sends the customer exactly one `delivery_delayed`, and a recipient whose 24-hour window is closed gets
// the delivery code as the `delivery_code` template, whose 4 digits typed by the driver prove the delivery
// (issue 18). The bot runs on a ManualClock: the test moves time past the ETA and the margin instead of
// waiting for it, and sees nothing sent a minute before.
import { ManualClock } from "@toktok/flows/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { orderCourier, tap } from "../test-support/courier-order.ts";

const CUSTOMER = "242061234567";
const DRIVER = "242055500031";
// "06 987 6543" as the customer types it.
const RECIPIENT = "242069876543";

const digits = (phone: string) => phone.replace(/\D/g, "");
const isTemplate = (name: string) => (m: { type: string; body: unknown }) =>
  m.type === "template" && JSON.stringify(m.body).includes(`"${name}"`);

/** Waits (polling, up to 5 s) until the driver is offered the button `id`: his next status. */
async function offered(who: { readonly choices: ReadonlyArray<{ id: string }> }, id: string): Promise<void> {
  for (let waited = 0; !who.choices.some((c) => c.id === id); waited += 50) {
    if (waited > 5_000) throw new Error(`no ${id} in ${JSON.stringify(who.choices)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("lateness and the delivery code outside the window, over HTTP", () => {
  let sim: Simulation;
  // Starts at real time: the sessions and the window of the conversation keep real time.
  const clock = new ManualClock(Date.now());
  const MARGIN_MIN = 10;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      clock,
      env: {
        DISPATCH: "on",
        DELIVERY_CODE_SECRET: "e2e-delivery-code-secret",
        DISPATCH_LATE_MARGIN_MS: String(MARGIN_MIN * 60_000),
      },
    });
  });
  afterAll(() => sim.close());

  it("sends one delivery_delayed past the ETA, and the recipient's delivery_code template proves the delivery", async () => {
    const driver = sim.customer(DRIVER, "Jean");
    await sim.bot.backend.users.create({ phone: DRIVER, name: "Jean Livreur", role: "livreur" });
    await driver.say("menu");
    await tap(driver, "flow:driver");
    await driver.expect("Aujourd'hui : 0 course(s)", 5_000);
    await driver.say("/loc -4.2634 15.2429");

    const grace = sim.customer(CUSTOMER, "Grâce");
    await orderCourier(grace, "06 987 6543");
    await driver.expect("Nouvelle course", 5_000);
    await tap(driver, "flow:driver");
    await driver.expect("Accepter", 5_000);
    await tap(driver, driver.choices.find((c) => c.id.startsWith("accept:"))?.id ?? "?");
    await driver.expect("acceptée", 5_000);
    // The customer's promise: the ride from the pickup (where the driver is) at the default 20 km/h.
    const promise = await grace.expect("environ", 5_000);
    const etaMinutes = Number(/environ (\d+) min/.exec(promise.text)?.[1]);
    expect(etaMinutes).toBeGreaterThan(0);

    // (a) A minute before the ETA and its margin nothing goes; once past them the lateness job sends the
    // template once.
    const toCustomer = (m: { to: string }) => digits(m.to) === CUSTOMER;
    const delayed = () => sim.graph.messages.filter((m) => toCustomer(m) && isTemplate("delivery_delayed")(m));
    clock.advance((etaMinutes + MARGIN_MIN - 1) * 60_000);
    await sim.bot.drain();
    expect(delayed()).toHaveLength(0);
    clock.advance(2 * 60_000);
    await sim.graph.waitForMessage((m) => toCustomer(m) && isTemplate("delivery_delayed")(m), 5_000);

    // (b) The recipient never wrote: his window is closed, so the code can only go as a template.
    sim.graph.setWindowClosed(RECIPIENT);
    const steps = ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"];
    for (const [i, status] of steps.slice(0, -1).entries()) {
      await tap(driver, `status:${status}`);
      // Each update asks where he is (it confirms the status): his position at the destination.
      await driver.say("/loc -4.2756 15.2555");
      await offered(driver, `status:${steps[i + 1]}`);
    }
    const toRecipient = (m: { to: string }) => digits(m.to) === RECIPIENT;
    const codeTemplate = await sim.graph.waitForMessage((m) => toRecipient(m) && isTemplate("delivery_code")(m), 5_000);
    const code = /"(\d{4})"/.exec(JSON.stringify(codeTemplate.body))?.[1];
    expect(code).toMatch(/^\d{4}$/);
    // Only the template reached the recipient: the session text was refused.
    expect(sim.graph.messages.filter((m) => toRecipient(m) && m.type !== "template")).toHaveLength(0);

    await tap(driver, "status:delivered");
    await driver.expect("code à 4 chiffres", 5_000);
    await driver.say(code ?? "");
    await driver.expect("livrée", 5_000);
    const [mission] = await sim.bot.backend.missions.list({ clientPhone: CUSTOMER });
    expect(mission?.status).toBe("delivered");

    // Exactly one delivery_delayed, for the whole life of the mission.
    await sim.bot.drain();
    // Later checks (a day on) send nothing more.
    clock.advance(24 * 3_600_000);
    await sim.bot.drain();
    expect(delayed()).toHaveLength(1);
  }, 30_000);
});
