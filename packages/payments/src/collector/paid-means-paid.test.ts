import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { PaymentProvider } from "../core/types.js";
import { type Harness, startHarness } from "../test-support/harness.js";
import { PaymentCollector } from "./payment-collector.js";
import { MemoryPaymentStore, type StoredPayment } from "./payment-store.js";

let h: Harness;
afterEach(() => h?.close());

/** Asks MTN for a payment as `asked`, then stores it as `stored` says (what the order holds) and resumes. */
async function settleMismatched(
  asked: { amount: number; externalId: string },
  stored: Partial<Pick<StoredPayment, "amount" | "currency" | "externalId">>,
): Promise<StoredPayment> {
  h = await startHarness();
  const id = randomUUID();
  await h.mtn.requestPayment({ id, payer: "06 123 45 67", description: "Commande 9", ...asked });
  const now = Date.now();
  await h.store.create({
    id,
    operator: "mtn",
    amount: asked.amount,
    currency: "EUR",
    externalId: asked.externalId,
    payer: "06 123 45 67",
    description: "Commande 9",
    status: "pending",
    phase: "requested",
    requestAttempts: 1,
    createdAt: now,
    expiresAt: now + 60_000,
    notified: false,
    ...stored,
  });
  await h.collector.resumePending();
  return h.collector.settled(id);
}

describe("PaymentCollector — paid means paid", () => {
  it("a success in another currency than the order's is not paid", async () => {
    expect(await settleMismatched({ amount: 15, externalId: "order-9" }, { currency: "XAF" })).toMatchObject({
      status: "failed",
      reason: "unknown",
      anomaly: "currency EUR instead of XAF",
    });
  });

  it("a success for another order (external id) is not paid", async () => {
    expect(await settleMismatched({ amount: 15, externalId: "order-9" }, { externalId: "order-10" })).toMatchObject({
      status: "failed",
      reason: "unknown",
      anomaly: "externalId order-9 instead of order-10",
    });
  });

  it.each(["amount", "currency"] as const)("an MTN success whose answer lacks %s is not paid", async (field) => {
    h = await startHarness();
    const mtn = h.mtn;
    // The same MTN client, its status answer stripped of one field MTN always reports.
    const stripped: PaymentProvider = {
      operator: "mtn",
      currency: mtn.currency,
      reports: mtn.reports,
      requestPayment: (request, options) => mtn.requestPayment(request, options),
      getPayment: async (id, options) => {
        const answer = await mtn.getPayment(id, options);
        if (answer !== undefined) delete answer[field];
        return answer;
      },
      parseCallback: (body, url) => mtn.parseCallback(body, url),
    };
    const collector = new PaymentCollector({
      providers: { mtn: stripped },
      store: new MemoryPaymentStore(),
      firstPollMs: 10,
    });
    const id = randomUUID();
    await collector.collect({ id, amount: 15, payer: "06 123 45 67", description: "Commande 9" });
    expect(await collector.settled(id)).toMatchObject({
      status: "failed",
      reason: "unknown",
      anomaly: `${field} missing from the provider's answer`,
    });
    expect(h.mtnStandIn.debits).toHaveLength(1); // money moved: the anomaly is for a person to refund
    await collector.close();
  });

  it("Airtel's enquiry reports no amount: its success is read from our own transaction id alone", async () => {
    h = await startHarness();
    expect(h.airtel.reports).toEqual([]);
    const id = randomUUID();
    await h.collector.collect({ id, amount: 7500, payer: "05 512 34 56", description: "Commande 9" });
    const answer = await h.airtel.getPayment(id);
    expect(answer?.amount).toBeUndefined();
    expect(await h.collector.settled(id)).toMatchObject({ status: "succeeded" });
  });
});
