import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";

describe("many customers at once", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
  });
  afterAll(() => sim.close());

  it("answers 100 users who write at the same moment, each in their own conversation", async () => {
    const users = Array.from({ length: 100 }, (_, i) => `2420655${String(i).padStart(5, "0")}`);
    const customers = users.map((waId, i) => sim.customer(waId, `Client ${i}`));
    // All deliveries are in flight together; each POST must get its 200 without waiting for the others.
    const deliveries = customers.map((c) => c.delivery("Bonjour, je veux envoyer un colis"));
    const answers = await Promise.all(
      deliveries.map((d) =>
        fetch(`${sim.server.url}/webhook`, { method: "POST", headers: d.headers, body: d.body }).then((r) => r.status),
      ),
    );
    expect(answers.every((s) => s === 200)).toBe(true);
    await sim.bot.drain();
    await Promise.all(customers.map((c) => c.expect("Où faut-il récupérer le colis", 10_000)));
    const answered = new Set(sim.graph.messages.map((m) => m.to));
    expect(users.filter((u) => !answered.has(u))).toEqual([]);
    // Sessions did not leak between users: every one of them is at step 1 of their own courier flow.
    for (const c of customers) expect(c.inbox.filter((m) => m.text.includes("Étape 1/6"))).toHaveLength(1);
    const summary = await sim.bot.analytics.getSummary();
    expect(summary.sessions.total).toBe(100);
  });

  it("throttles one customer who floods (30 a minute, one notice) without slowing the others", async () => {
    const flooder = sim.customer("242066666666");
    const calm = sim.customer("242067777777");
    // Greetings: a flood of words the bot does not understand would hand the customer to a person first (issue 22).
    for (let i = 0; i < 35; i++) await flooder.post(flooder.delivery(`Bonjour ${i}`));
    const notices = flooder.inbox.filter((m) => m.text.includes("Vous envoyez beaucoup de messages"));
    expect(notices).toHaveLength(1);
    const answeredBefore = flooder.inbox.length;
    await flooder.say("encore un");
    expect(flooder.inbox.length).toBe(answeredBefore);
    await calm.say("Bonjour, je veux envoyer un colis");
    await calm.expect("Où faut-il récupérer le colis", 5_000);
  });
});
