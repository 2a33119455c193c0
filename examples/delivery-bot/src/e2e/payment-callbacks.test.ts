// The providers' callbacks reaching the bot's `/payments/:operator` route over HTTP. The bot's first status
// query waits 30 s (polling's cap), longer than any of these tests: what settles a payment here is the
// callback making the bot ask the provider — and a forged callback, asked about, changes nothing.
import type { SimulatedPayment } from "@toktok/payments/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SimulatedCustomer } from "../demo/customer.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { MAMA_NGUDI, orderAndPay } from "../test-support/marketplace-order.ts";

const PENDING_PAYER = "242061110001"; // never answers the prompt
const REFUSING_PAYER = "242061110002"; // refuses on the phone
const AIRTEL_PENDING_PAYER = "242051110001"; // an Airtel number that never answers the prompt

describe("Mobile Money callbacks through the bot's route, over HTTP", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      mobileMoney: {
        phone: ({ msisdn }) =>
          msisdn.endsWith(PENDING_PAYER.slice(3)) || msisdn.endsWith(AIRTEL_PENDING_PAYER.slice(3))
            ? "ignore"
            : msisdn.endsWith(REFUSING_PAYER.slice(3))
              ? "refuse"
              : "accept",
        firstPollMs: 30_000,
      },
    });
  });
  afterAll(() => sim.close());

  const standIns = () => {
    if (sim.mobileMoney === undefined) throw new Error("the simulation was started without Mobile Money");
    return sim.mobileMoney;
  };
  const ordersOf = async (customer: SimulatedCustomer) =>
    (await sim.bot.backend.orders.list({})).filter((o) => o.clientPhone.replace(/\D/g, "") === customer.waId);
  const toMerchant = () =>
    sim.graph.messages.filter((m) => m.to === MAMA_NGUDI && JSON.stringify(m).includes("Nouvelle commande"));
  const paymentOf = (payments: ReadonlyMap<string, SimulatedPayment>, msisdn: string) =>
    [...payments.values()].find((p) => p.msisdn === msisdn);
  const statusQueries = (id: string) =>
    standIns().mtn.requests.filter((r) => r.method === "GET" && r.path === `/collection/v1_0/requesttopay/${id}`);
  /** A "SUCCESSFUL" callback as MTN would send it, posted by someone else to the bot's route. */
  const forgeMtnSuccess = (payment: SimulatedPayment) =>
    fetch(`${sim.server.url}/payments/mtn?referenceId=${payment.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        financialTransactionId: "1234567890",
        externalId: payment.externalId,
        amount: String(payment.amount),
        currency: payment.currency,
        payer: { partyIdType: "MSISDN", partyId: payment.msisdn },
        status: "SUCCESSFUL",
      }),
    });

  it("MTN calls back twice: the order is confirmed once and the merchant told once", async () => {
    const { mtn, callbacks } = standIns();
    mtn.setCallbacks("twice");
    const before = toMerchant().length;
    const aline = sim.customer("242061234567", "Aline");
    await orderAndPay(aline, "mtn_momo");
    await aline.expect("Paiement de 8 000 FCFA reçu", 10_000);
    await aline.expect("envoyée", 5_000);
    const id = paymentOf(mtn.payments, aline.waId)?.id;
    await vi.waitFor(() => expect(callbacks.filter((c) => c.path.includes(`referenceId=${id}`))).toHaveLength(2), {
      timeout: 5_000,
    });
    await sim.bot.drain();

    expect(callbacks.filter((c) => c.path.includes(`referenceId=${id}`))).toEqual([
      expect.objectContaining({ method: "PUT", status: 200 }),
      expect.objectContaining({ method: "PUT", status: 200 }),
    ]);
    // The order's reference is MTN's financialTransactionId (what the statement shows), not our payment id.
    const transactionId = paymentOf(mtn.payments, aline.waId)?.transactionId;
    expect(transactionId).toEqual(expect.any(String));
    expect(await ordersOf(aline)).toEqual([
      expect.objectContaining({ payment: "mtn_momo", total: 8000, paymentReference: transactionId }),
    ]);
    expect(mtn.debits.filter((d) => d.msisdn === aline.waId)).toHaveLength(1);
    expect(toMerchant().length - before).toBe(1);
    expect(aline.inbox.filter((m) => m.text.includes("FCFA reçu"))).toHaveLength(1);
  });

  it("a forged SUCCESSFUL callback for a payment still pending at MTN: asked about, nothing paid, no order", async () => {
    const { mtn } = standIns();
    mtn.setCallbacks("once");
    const bob = sim.customer(PENDING_PAYER, "Bob");
    await orderAndPay(bob, "mtn_momo");
    const payment = paymentOf(mtn.payments, PENDING_PAYER);
    if (payment === undefined) throw new Error("no payment asked for");

    const res = await forgeMtnSuccess(payment);
    expect(res.status).toBe(200);
    // The route only acknowledges; the bot then asks MTN, which says pending.
    await vi.waitFor(() => expect(statusQueries(payment.id).length).toBeGreaterThan(0), { timeout: 5_000 });
    await bob.say("alors ?");
    await bob.expect("en attente", 5_000);
    await sim.bot.drain();

    expect(payment.state).toBe("pending");
    expect(await ordersOf(bob)).toEqual([]);
    expect(bob.inbox.some((m) => m.text.includes("FCFA reçu"))).toBe(false);
  });

  it("a forged SUCCESSFUL callback for a payment MTN failed: the customer is told it was refused, no order", async () => {
    const { mtn } = standIns();
    mtn.setCallbacks("never"); // the bot would learn the refusal only at its first poll, 30 s on
    const carine = sim.customer(REFUSING_PAYER, "Carine");
    await orderAndPay(carine, "mtn_momo");
    await vi.waitFor(() => expect(paymentOf(mtn.payments, REFUSING_PAYER)?.state).toBe("failed"), { timeout: 5_000 });
    const payment = paymentOf(mtn.payments, REFUSING_PAYER) as SimulatedPayment;

    expect((await forgeMtnSuccess(payment)).status).toBe(200);
    await carine.expect("refusé sur le téléphone", 10_000);
    await sim.bot.drain();

    expect(carine.choices.map((c) => c.id)).toEqual(["payfix:retry", "payfix:other", "payfix:cash"]);
    expect(await ordersOf(carine)).toEqual([]);
    expect(mtn.debits.some((d) => d.msisdn === REFUSING_PAYER)).toBe(false);
    expect(carine.inbox.some((m) => m.text.includes("FCFA reçu"))).toBe(false);
  });

  it("an order paid by Airtel Money end to end: Airtel's signed callback confirms it, the merchant told once", async () => {
    const { airtel, callbacks } = standIns();
    airtel.setCallbacks("once");
    const before = toMerchant().length;
    const didier = sim.customer("242051234567", "Didier");
    await orderAndPay(didier, "airtel_money");
    await didier.expect("Paiement de 8 000 FCFA reçu", 10_000);
    await didier.expect("envoyée", 5_000);
    await sim.bot.drain();

    const payment = paymentOf(airtel.payments, "051234567");
    const fromAirtel = callbacks.filter((c) => c.path === "/payments/airtel");
    expect(fromAirtel).toEqual([expect.objectContaining({ method: "POST", status: 200 })]);
    expect(JSON.parse(fromAirtel[0]?.body ?? "{}")).toMatchObject({
      transaction: { id: payment?.id, status_code: "TS" },
      hash: expect.any(String),
    });
    expect(airtel.debits.map((d) => [d.msisdn, d.amount, d.currency])).toEqual([["051234567", 8000, "XAF"]]);
    // The order's reference is Airtel's airtel_money_id, not our payment id.
    expect(payment?.transactionId).toEqual(expect.any(String));
    expect(await ordersOf(didier)).toEqual([
      expect.objectContaining({ payment: "airtel_money", total: 8000, paymentReference: payment?.transactionId }),
    ]);
    expect(toMerchant().length - before).toBe(1);
  });

  it("an Airtel callback whose hash is wrong: answered 200 like any callback, no status query, nothing paid, no order", async () => {
    const { airtel } = standIns();
    airtel.setCallbacks("never");
    const emile = sim.customer(AIRTEL_PENDING_PAYER, "Emile");
    await orderAndPay(emile, "airtel_money");
    const payment = paymentOf(airtel.payments, AIRTEL_PENDING_PAYER.slice(3));
    if (payment === undefined) throw new Error("no payment asked for");
    const enquiries = () =>
      airtel.requests.filter(
        (r) => r.method === "GET" && r.path.split("?")[0] === `/standard/v1/payments/${payment.id}`,
      );
    expect(enquiries()).toEqual([]);

    // Airtel's callback shape, "TS" for a payment still pending, signed with a key that is not the bot's.
    const res = await fetch(`${sim.server.url}/payments/airtel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        transaction: {
          id: payment.id,
          message: "Paid XAF 8000",
          status_code: "TS",
          airtel_money_id: "MP000000.0000.X00000",
        },
        hash: Buffer.from("not the bot's secret").toString("base64"),
      }),
    });
    // 200 with no body, as for a genuine one: the route acknowledges every callback before reading it (a
    // callback is only ever a hint), so a forger learns nothing from the answer and Airtel never retries.
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    // The hash is checked synchronously when the route hands the body over, before any I/O: had it passed,
    // the enquiry would be on its way by the time the customer's next message is answered.
    await emile.say("alors ?");
    await emile.expect("en attente", 5_000);
    await sim.bot.drain();

    expect(enquiries()).toEqual([]);
    expect(payment.state).toBe("pending");
    expect(airtel.debits.some((d) => d.msisdn === payment.msisdn)).toBe(false);
    expect(await ordersOf(emile)).toEqual([]);
    expect(emile.inbox.some((m) => m.text.includes("FCFA reçu"))).toBe(false);
  });
});
