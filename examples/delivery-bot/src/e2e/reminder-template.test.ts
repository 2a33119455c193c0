// Over HTTP (signed webhooks in, the Graph stand-in out) with dispatch on: a customer moves his courier
// request to "demain à 10h" and his 24-hour window is closed, so the pickup reminder can only go as the
// `mission_reminder` template — once, with the time in French words, never an ISO date (issue 18).
import { formatDateText } from "@toktok/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { orderCourier, tap } from "../test-support/courier-order.ts";

const CUSTOMER = "242061234567";

describe("the pickup reminder outside the 24-hour window, over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      // Reminded 3 days before the pickup: "demain à 10h" is closer than that, so the reminder is due at
      // once (no waiting on a clock); the deferred offer keeps its default lead and does not fire.
      env: { DISPATCH: "on", DISPATCH_REMINDER_LEAD_MS: String(3 * 86_400_000) },
    });
  });
  afterAll(() => sim.close());

  it("sends exactly one mission_reminder template, its date in French words", async () => {
    const grace = sim.customer(CUSTOMER, "Grâce");
    // The parcel goes to someone else (Marie Okemba): the reminder greets the customer, by his name.
    await orderCourier(grace, "06 987 6543");
    const [mission] = await sim.bot.backend.missions.list({ clientPhone: CUSTOMER });
    await grace.say("reporter");
    await grace.expect(`Pour quand voulez-vous reporter *${mission?.reference}*`, 5_000);
    await grace.say("demain à 10h");
    await grace.expect("à 10 h 00* ?", 5_000);

    // The customer's window closes before the yes: session messages to him now fail with 131047.
    sim.graph.setWindowClosed(CUSTOMER);
    const toCustomer = () => sim.graph.messages.filter((m) => m.to.replace(/\D/g, "") === CUSTOMER);
    const sessionSent = toCustomer().filter((m) => m.type !== "template").length;
    const attemptsBefore = sim.graph.attempts.length;
    const yes = grace.choices.find((c) => c.title.includes("Oui"));
    await tap(grace, yes?.id ?? "?");
    await sim.graph.waitForMessage((m) => m.to.replace(/\D/g, "") === CUSTOMER && m.type === "template", 5_000);
    await sim.bot.drain();

    const moved = await sim.bot.backend.missions.get(mission?.id ?? "?");
    expect(moved?.scheduledAt).toBeDefined();
    const reminders = toCustomer().filter(
      (m) => m.type === "template" && JSON.stringify(m.body).includes('"mission_reminder"'),
    );
    expect(reminders).toHaveLength(1);
    const rendered = JSON.stringify(reminders[0]?.body);
    // "dimanche 7 décembre à 10 h 00", Brazzaville time: tomorrow's weekday, the hour the customer said.
    expect(rendered).toContain(formatDateText(moved?.scheduledAt ?? ""));
    expect(rendered).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \p{L}+ à 10 h 00/u);
    expect(rendered).toContain("Grâce");
    expect(rendered).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // The reminder's text (and the yes's answer) were refused with 131047; only the template reached him.
    expect(toCustomer().filter((m) => m.type !== "template")).toHaveLength(sessionSent);
    const refused = sim.graph.attempts
      .slice(attemptsBefore)
      .filter((a) => a.kind === "send" && a.to?.replace(/\D/g, "") === CUSTOMER && a.outcome !== "sent");
    expect(refused.length).toBeGreaterThan(0);
  });
});
