// A Mobile Money payment approved after the bot gave up on it (1 s here), through the whole bot over HTTP:
// MTN still has it pending at the bot's expiry, the payer approves later. A customer who went on to pay in
// cash gets a refund (tracked as PaymentRefundNeeded, the paiement-a-rembourser alert fires); one still on
// the failure step gets the order, once.
import type { PhoneAnswer } from "@toktok/payments/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatedCustomer } from "../demo/customer.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { tap } from "../test-support/courier-order.ts";
import { MAMA_NGUDI, orderAndPay } from "../test-support/marketplace-order.ts";

describe("a Mobile Money payment approved after the bot gave up, over HTTP", () => {
  let sim: Simulation;
  const started = Date.now();
  /** Each payer's phone holds the prompt until the test answers it. */
  const prompts = new Map<string, (answer: PhoneAnswer) => void>();
  const approve = (waId: string) => {
    const answer = prompts.get(waId);
    if (answer === undefined) throw new Error(`${waId} was never prompted`);
    answer("accept");
  };
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      mobileMoney: {
        phone: ({ msisdn }) => new Promise<PhoneAnswer>((resolve) => prompts.set(msisdn, resolve)),
        firstPollMs: 100,
        maxPollMs: 200,
        expiresAfterMs: 1_000,
      },
    });
  });
  afterAll(() => sim.close());

  const ordersOf = async (customer: SimulatedCustomer) =>
    (await sim.bot.backend.orders.list({})).filter((o) => o.clientPhone.replace(/\D/g, "") === customer.waId);
  const toMerchant = () =>
    sim.graph.messages.filter((m) => m.to === MAMA_NGUDI && JSON.stringify(m).includes("Nouvelle commande"));
  const refundErrors = async () =>
    (await sim.bot.analytics.getTopErrors(20, { from: started - 60_000, to: Date.now() + 60_000 })).find(
      (e) => e.name === "PaymentRefundNeeded",
    )?.count ?? 0;

  it("the customer who paid cash meanwhile is refunded: told so, PaymentRefundNeeded tracked, the alert fires", async () => {
    const eve = sim.customer("242061230001", "Eve");
    await orderAndPay(eve, "mtn_momo");
    await eve.expect("pas été validé à temps", 10_000);
    await tap(eve, "payfix:cash");
    await eve.expect("envoyée", 5_000);

    approve(eve.waId);
    await eve.expect("Un conseiller TokTok vous contacte pour le rembourser", 10_000);
    await sim.bot.drain();

    expect(await ordersOf(eve)).toEqual([expect.objectContaining({ payment: "cash" })]);
    expect(sim.mobileMoney?.mtn.debits.filter((d) => d.msisdn === eve.waId)).toHaveLength(1);
    expect(await refundErrors()).toBe(1);
    const fired = await sim.bot.operator.alerts.runOnce();
    expect(fired.map((n) => [n.event, n.record.rule])).toContainEqual(["fired", "paiement-a-rembourser"]);
  });

  it("the customer still on the failure step gets the order once, the merchant told once, nothing to refund", async () => {
    const refundsBefore = await refundErrors();
    const merchantBefore = toMerchant().length;
    const fabrice = sim.customer("242061230002", "Fabrice");
    await orderAndPay(fabrice, "mtn_momo");
    await fabrice.expect("pas été validé à temps", 10_000);

    approve(fabrice.waId);
    await fabrice.expect("Paiement de 8 000 FCFA reçu", 10_000);
    await fabrice.expect("envoyée", 5_000);
    await sim.bot.drain();

    expect(await ordersOf(fabrice)).toEqual([expect.objectContaining({ payment: "mtn_momo", total: 8000 })]);
    expect(sim.mobileMoney?.mtn.debits.filter((d) => d.msisdn === fabrice.waId)).toHaveLength(1);
    expect(toMerchant().length - merchantBefore).toBe(1);
    expect(await refundErrors()).toBe(refundsBefore);
    expect(fabrice.inbox.some((m) => m.text.includes("rembourser"))).toBe(false);
  });
});
