import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, heldPhone, startHarness, until } from "../test-support/harness.js";
import type { StoredPayment } from "./payment-store.js";

let h: Harness;
afterEach(() => h?.close());

const order = (payer: string, amount = 15) => ({
  id: randomUUID(),
  amount,
  payer,
  description: "Commande 42",
  externalId: `order-${randomUUID().slice(0, 8)}`,
});

/** A collector that gives up after 50 ms but watches for a late approval, counting late successes. */
async function expiring(extra: { lateCheckMs?: number } = {}): Promise<StoredPayment[]> {
  const late: StoredPayment[] = [];
  h = await startHarness({
    collector: { expiresAfterMs: 50, onLateSuccess: (p) => void late.push(p), ...extra },
  });
  h.mtnStandIn.setCallbacks("never");
  h.airtelStandIn.setCallbacks("never");
  return late;
}

describe("PaymentCollector — a payment approved after the collector gave up", () => {
  it("MTN still PENDING at expiry: failed as expired but watched; the late approval fires onLateSuccess once", async () => {
    const late = await expiring();
    const payer = heldPhone();
    h.mtnStandIn.setPhone(payer.phone);
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    const failed = await h.collector.settled(input.id);
    expect(failed).toMatchObject({ status: "failed", reason: "expired", lateCheckUntil: expect.any(Number) });
    expect(h.settled.map((p) => p.status)).toEqual(["failed"]);

    payer.answer("accept");
    await until(() => late.length === 1);
    expect(late[0]).toMatchObject({ id: input.id, status: "succeeded", lateSuccess: true });
    const stored = await h.collector.get(input.id);
    expect(stored).toMatchObject({ status: "succeeded", lateSuccess: true, notified: true });
    expect(stored?.lateCheckUntil).toBeUndefined();
    // Asked again (a callback, a retry's re-check): nothing fires twice, nothing is left to watch.
    await h.collector.check(input.id);
    expect(late).toHaveLength(1);
    expect(h.settled).toHaveLength(1);
    expect(await h.store.listUnfinished()).toEqual([]);
    expect(h.mtnStandIn.debits).toHaveLength(1);
  });

  it("Airtel answering TA (ambiguous) at expiry is watched, not silently failed; a late refusal ends the watch quietly", async () => {
    const late = await expiring();
    h.airtelStandIn.setEnquiry("ambiguous");
    const payer = heldPhone();
    h.airtelStandIn.setPhone(payer.phone);
    const input = order("05 512 34 56", 7500);
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({
      status: "failed",
      reason: "expired",
      lateCheckUntil: expect.any(Number),
    });
    expect(await h.airtel.getPayment(input.id)).toMatchObject({ status: "pending" }); // TA is not final
    payer.answer("refuse");
    await until(() => h.airtelStandIn.payments.get(input.id)?.state === "failed");
    while ((await h.store.listUnfinished()).length > 0) await new Promise((r) => setTimeout(r, 5));
    const stored = await h.collector.check(input.id);
    expect(stored).toMatchObject({ status: "failed", reason: "expired", providerReason: "DP00800001008" });
    expect(stored?.lateCheckUntil).toBeUndefined();
    expect(late).toHaveLength(0);
  });

  it("Airtel TA then approved: one late success, one debit", async () => {
    const late = await expiring();
    h.airtelStandIn.setEnquiry("ambiguous");
    const payer = heldPhone();
    h.airtelStandIn.setPhone(payer.phone);
    const input = order("05 512 34 56", 7500);
    await h.collector.collect(input);
    await h.collector.settled(input.id);
    payer.answer("accept");
    await until(() => late.length === 1);
    expect(late[0]).toMatchObject({ operator: "airtel", status: "succeeded", lateSuccess: true });
    expect(h.airtelStandIn.debits).toHaveLength(1);
  });

  it("a late success found by a collector restarted meanwhile fires onLateSuccess once", async () => {
    const late = await expiring();
    const payer = heldPhone();
    h.mtnStandIn.setPhone(payer.phone);
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    await h.collector.settled(input.id);
    await h.collector.close(); // the process dies while it watches
    payer.answer("accept");
    await until(() => h.mtnStandIn.debits.length === 1);
    const next = h.restart();
    await next.resumePending();
    await until(() => late.length === 1);
    expect(late[0]?.id).toBe(input.id);
  });

  it("the watch ends after lateCheckMs without a final answer, leaving the payment failed", async () => {
    await expiring({ lateCheckMs: 1 });
    h.mtnStandIn.setPhone(heldPhone().phone);
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    await h.collector.settled(input.id);
    await until(() => h.mtnStandIn.requests.filter((r) => r.method === "GET").length >= 1);
    await new Promise((r) => setTimeout(r, 5)); // past lateCheckUntil
    const stored = await h.collector.check(input.id);
    expect(stored).toMatchObject({ status: "failed", reason: "expired" });
    expect(stored?.lateCheckUntil).toBeUndefined();
    expect(await h.store.listUnfinished()).toEqual([]);
  });

  it("with lateCheckMs 0 nothing is watched", async () => {
    await expiring({ lateCheckMs: 0 });
    h.mtnStandIn.setPhone(heldPhone().phone);
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    const failed = await h.collector.settled(input.id);
    expect(failed.lateCheckUntil).toBeUndefined();
  });
});
