import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { tap } from "../test-support/courier-order.ts";
import { MAMA_NGUDI as MERCHANT, orderAndPay, orderUpToPayment } from "../test-support/marketplace-order.ts";

describe("a marketplace order paid by Mobile Money, over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      // The payer's phone: refuses from 06 999 99 99, accepts from any other number.
      mobileMoney: { phone: ({ msisdn }) => (msisdn.endsWith("069999999") ? "refuse" : "accept") },
    });
  });
  afterAll(() => sim.close());

  it("holds the order until MTN MoMo says paid, then confirms it once and notifies the merchant once", async () => {
    const aline = sim.customer("242061234567", "Aline");
    await orderAndPay(aline, "mtn_momo");
    await aline.expect("Paiement de 8 000 FCFA reçu", 10_000);
    await aline.expect("envoyée", 5_000);
    await sim.bot.drain();

    const orders = (await sim.bot.backend.orders.list({})).filter(
      (o) => o.clientPhone.replace(/\D/g, "") === aline.waId,
    );
    expect(orders).toEqual([expect.objectContaining({ payment: "mtn_momo", total: 8000 })]);
    expect(sim.mobileMoney?.mtn.debits.map((d) => [d.msisdn, d.amount, d.currency])).toEqual([
      ["242061234567", 8000, "XAF"],
    ]);
    const toMerchant = sim.graph.messages.filter(
      (m) => m.to === MERCHANT && JSON.stringify(m).includes("Nouvelle commande"),
    );
    expect(toMerchant).toHaveLength(1);
  });

  it("a refusal says so in French and offers retry, another number or cash; cash then confirms the order", async () => {
    const paul = sim.customer("242069999999", "Paul");
    await orderUpToPayment(paul);
    await tap(paul, "pay:mtn_momo");
    await tap(paul, "payer:self");
    await tap(paul, "shop:confirm");
    await paul.expect("refusé sur le téléphone", 10_000);
    expect(paul.choices.map((c) => c.id)).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);
    await tap(paul, "payfix:cash");
    await paul.expect("envoyée", 5_000);
    const orders = (await sim.bot.backend.orders.list({})).filter(
      (o) => o.clientPhone.replace(/\D/g, "") === paul.waId,
    );
    expect(orders).toEqual([expect.objectContaining({ payment: "cash" })]);
  });

  it("counts the attempts, their outcomes with the reason and the revenue per payment method on /metrics", async () => {
    // After the two customers above: Aline paid 8 000 by MTN MoMo, Paul was refused then paid 8 000 in cash.
    await sim.bot.drain();
    const text = await (await fetch(`${sim.server.url}/metrics`)).text();
    const value = (line: string) =>
      Number(text.match(new RegExp(`^${line.replace(/[{}]/g, "\\$&")} (\\S+)$`, "m"))?.[1]);
    expect(value('toktok_payments_requested_total{operator="mtn"}')).toBe(2);
    expect(value('toktok_payments_settled_total{operator="mtn",status="succeeded",reason=""}')).toBe(1);
    expect(value('toktok_payments_settled_total{operator="mtn",status="failed",reason="rejected"}')).toBe(1);
    expect(value('toktok_revenue_by_method_xaf_total{method="mtn_momo"}')).toBe(8000);
    expect(value('toktok_revenue_by_method_xaf_total{method="cash"}')).toBe(8000);
  });
});
