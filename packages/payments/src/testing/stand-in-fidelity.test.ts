import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../test-support/harness.js";

let h: Harness;
afterEach(() => h?.close());

const order = (payer: string, amount = 7500) => ({ id: randomUUID(), amount, payer, description: "Commande 42" });
const gets = (requests: Harness["mtnStandIn"]["requests"]) => requests.filter((r) => r.method === "GET").length;

describe("stand-ins: Airtel's enquiry as documented", () => {
  it("reads the outcome from data.transaction.status only, when the envelope says the opposite", async () => {
    h = await startHarness({ airtel: { enquiry: "contradictory" } });
    const paid = order("05 512 34 56");
    await h.collector.collect(paid);
    expect(await h.collector.settled(paid.id)).toMatchObject({ status: "succeeded" });
    const raw = await fetch(`${h.airtelStandIn.url}/standard/v1/payments/${paid.id}`, {
      headers: h.airtelStandIn.requests.at(-1)?.headers as Record<string, string>,
    }).then((r) => r.json());
    expect(raw).toMatchObject({ status: { success: false }, data: { transaction: { status: "TS" } } });

    h.airtelStandIn.setPhone(() => "refuse");
    const refused = order("05 512 34 56");
    await h.collector.collect(refused);
    expect(await h.collector.settled(refused.id)).toMatchObject({ status: "failed", reason: "rejected" });
  });

  it("TA (ambiguous) is not final: the collector asks again until TS", async () => {
    h = await startHarness({ airtel: { enquiry: "ambiguous" } });
    let approve: (() => void) | undefined;
    h.airtelStandIn.setPhone(() => new Promise((resolve) => (approve = () => resolve("accept"))));
    const input = order("05 512 34 56");
    await h.collector.collect(input);
    expect(await h.airtel.getPayment(input.id)).toMatchObject({ status: "pending" });
    approve?.();
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
  });
});

describe("stand-ins: gateway faults the collector rides out", () => {
  it("status queries failing (500) are asked again; the payment settles paid once", async () => {
    h = await startHarness();
    h.mtnStandIn.setCallbacks("never");
    h.mtnStandIn.setFault("status", { kind: "error", status: 500 }, 3);
    const input = order("06 123 45 67", 15);
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(gets(h.mtnStandIn.requests)).toBeGreaterThanOrEqual(4);
    expect(h.mtnStandIn.debits).toHaveLength(1);
    expect(h.settled).toHaveLength(1);
  });

  it("a status query that hangs times out and is asked again", async () => {
    h = await startHarness({ timeoutMs: 200 });
    h.mtnStandIn.setCallbacks("never");
    h.mtnStandIn.setFault("status", { kind: "hang" });
    const input = order("06 123 45 67", 15);
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(gets(h.mtnStandIn.requests)).toBeGreaterThanOrEqual(2);
  });

  it("a slow gateway (answering within the time limit) is just slow: one request, one debit", async () => {
    h = await startHarness({ timeoutMs: 2000 });
    h.airtelStandIn.setFault("request", { kind: "slow", delayMs: 100 });
    h.airtelStandIn.setFault("status", { kind: "slow", delayMs: 100 });
    const input = order("05 512 34 56");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(h.airtelStandIn.requests.filter((r) => r.path === "/merchant/v1/payments/")).toHaveLength(1);
    expect(h.airtelStandIn.debits).toHaveLength(1);
  });

  it("a token endpoint failing once: the request never left, it is sent once the token comes, paid once", async () => {
    h = await startHarness();
    h.mtnStandIn.setFault("token", { kind: "error", status: 500 });
    const input = order("06 123 45 67", 15);
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(h.mtnStandIn.requests.filter((r) => r.path === "/collection/v1_0/requesttopay")).toHaveLength(1);
    expect(h.mtnStandIn.tokensIssued).toBe(1);
    expect(h.mtnStandIn.debits).toHaveLength(1);
  });
});

describe("stand-ins: MTN sandbox numbers", () => {
  it("the delayed number (46733123454) stays PENDING, then succeeds", async () => {
    h = await startHarness({ mtn: { delayedMs: 300 } });
    const input = order("46733123454", 15);
    await h.collector.collect({ ...input, operator: "mtn" });
    expect(await h.mtn.getPayment(input.id)).toMatchObject({ status: "pending" });
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(gets(h.mtnStandIn.requests)).toBeGreaterThanOrEqual(2);
  });
});
