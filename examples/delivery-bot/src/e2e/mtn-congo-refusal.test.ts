import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { orderAndPay } from "../test-support/marketplace-order.ts";

describe("MTN Congo's combined refusal, over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      // In production (mtncongo) MTN reports a low balance as LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED.
      mobileMoney: { phone: () => "insufficient_funds" },
    });
  });
  afterAll(() => sim.close());

  it("tells the customer all three possible causes, not 'Solde insuffisant', and counts it under its own reason", async () => {
    const aline = sim.customer("242061234567", "Aline");
    await orderAndPay(aline, "mtn_momo");
    await aline.expect(
      "Paiement refusé par MTN MoMo : solde insuffisant, plafond atteint ou compte non autorisé.",
      10_000,
    );
    expect(aline.choices.map((c) => c.id)).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);
    expect(JSON.stringify(sim.graph.messages)).not.toContain("Solde insuffisant sur ce compte");
    await sim.bot.drain();
    const metrics = await (await fetch(`${sim.server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^toktok_payments_settled_total\{operator="mtn",status="failed",reason="declined_unspecified"\} 1$/m,
    );
  });
});
