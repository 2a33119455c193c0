import { randomUUID } from "node:crypto";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { PaymentsAbortError, PaymentsValidationError } from "../errors.js";
import { FAST_POLLS, type Harness, startHarness, until } from "../test-support/harness.js";
import type { PhoneAnswer } from "../testing/knobs.js";
import { PaymentCollector } from "./payment-collector.js";
import { MemoryPaymentStore, type StoredPayment } from "./payment-store.js";

let h: Harness;
afterEach(() => h?.close());

/** A payment as the collector would have stored it, written by hand to stage a restart. */
const pendingPayment = (
  id: string,
  fields: Pick<StoredPayment, "externalId" | "phase" | "requestAttempts">,
): StoredPayment => {
  const now = Date.now();
  const base = {
    id,
    operator: "mtn",
    amount: 15,
    currency: "EUR",
    payer: "06 123 45 67",
    description: "Commande",
  } as const;
  return { ...base, ...fields, status: "pending", createdAt: now, expiresAt: now + 60_000, notified: false };
};

const order = (payer: string, amount = 15) => ({
  id: randomUUID(),
  amount,
  payer,
  description: "Commande 42",
  externalId: `order-${randomUUID().slice(0, 8)}`,
});

describe("PaymentCollector — outcomes", () => {
  it("stores the payment before calling the provider, then settles it paid once", async () => {
    h = await startHarness();
    const postsSeenAtCreate: number[] = [];
    const standIn = h.mtnStandIn;
    class WatchedStore extends MemoryPaymentStore {
      override async create(payment: StoredPayment): Promise<boolean> {
        postsSeenAtCreate.push(standIn.requests.filter((r) => r.path === "/collection/v1_0/requesttopay").length);
        return super.create(payment);
      }
    }
    const settled: StoredPayment[] = [];
    const collector = new PaymentCollector({
      providers: { mtn: h.mtn },
      store: new WatchedStore(),
      onSettled: (p) => void settled.push(p),
      ...FAST_POLLS,
    });
    const input = order("06 123 45 67");
    const stored = await collector.collect({ ...input, metadata: { waId: "242061234567" } });
    expect(postsSeenAtCreate).toEqual([0]);
    expect(stored.metadata).toEqual({ waId: "242061234567" });
    expect(stored).toMatchObject({
      id: input.id,
      operator: "mtn",
      amount: 15,
      currency: "EUR",
      externalId: input.externalId,
    });
    expect(await collector.settled(input.id)).toMatchObject({
      status: "succeeded",
      providerTransactionId: expect.any(String),
    });
    expect(settled.map((p) => p.id)).toEqual([input.id]);
    expect(standIn.debits).toHaveLength(1);
    collector.close();
  });

  it.each([
    ["refuse", "rejected"],
    ["insufficient_funds", "insufficient_funds"],
    ["payer_not_found", "payer_not_found"],
  ] as Array<[PhoneAnswer, string]>)("MTN: a phone answering %s settles failed with %s", async (answer, reason) => {
    h = await startHarness();
    h.mtnStandIn.setPhone(() => answer);
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "failed", reason });
    expect(h.mtnStandIn.debits).toHaveLength(0);
  });

  it("MTN sandbox's expiring number (46733123452) settles failed expired", async () => {
    h = await startHarness();
    const input = order("46733123452");
    await h.collector.collect({ ...input, operator: "mtn" });
    expect(await h.collector.settled(input.id)).toMatchObject({
      status: "failed",
      reason: "expired",
      providerReason: "EXPIRED",
    });
  });

  it("Airtel: success, and not enough funds", async () => {
    h = await startHarness();
    const paid = order("05 512 34 56", 7500);
    await h.collector.collect(paid);
    expect(await h.collector.settled(paid.id)).toMatchObject({
      operator: "airtel",
      currency: "XAF",
      status: "succeeded",
    });
    h.airtelStandIn.setPhone(() => "insufficient_funds");
    const broke = order("05 512 34 56", 7500);
    await h.collector.collect(broke);
    expect(await h.collector.settled(broke.id)).toMatchObject({ status: "failed", reason: "insufficient_funds" });
    expect(h.airtelStandIn.debits.map((d) => d.id)).toEqual([paid.id]);
  });

  it("a payment still pending past its expiry settles failed expired", async () => {
    h = await startHarness({ collector: { expiresAfterMs: 50 } });
    h.mtnStandIn.setPhone(() => "ignore");
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "failed", reason: "expired" });
  });

  it("settled(id, { signal }) stops waiting with PaymentsAbortError; the payment and other waiters go on", async () => {
    h = await startHarness({ collector: { expiresAfterMs: 150 } });
    h.mtnStandIn.setPhone(() => "ignore");
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    const controller = new AbortController();
    const reason = new Error("customer left the chat");
    const abandoned = h.collector.settled(input.id, { signal: controller.signal }).catch((e: unknown) => e);
    const patient = h.collector.settled(input.id);
    controller.abort(reason);
    const error = await abandoned;
    expect(PaymentsAbortError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "PAYMENTS_ABORTED", operation: "settled", retryable: false, cause: reason });
    expect((await h.collector.get(input.id))?.status).toBe("pending");
    expect(await patient).toMatchObject({ status: "failed", reason: "expired" });
    await expect(h.collector.settled(input.id, { signal: AbortSignal.abort() })).rejects.toSatisfy(
      PaymentsAbortError.isInstance,
    );
  });

  it("rejects bad input with a typed error naming the field, storing nothing", async () => {
    h = await startHarness();
    await expect(h.collector.collect({ ...order("01 234 56 78") })).rejects.toMatchObject({ field: "input.payer" });
    await expect(h.collector.collect({ ...order("06 123 45 67"), amount: -5 })).rejects.toSatisfy(
      PaymentsValidationError.isInstance,
    );
    await expect(
      h.collector.collect({ ...order("06 123 45 67"), metadata: { waId: 242 } } as never),
    ).rejects.toMatchObject({
      field: "input.metadata.waId",
    });
    expect(await h.store.listUnfinished()).toEqual([]);
    expect(() => new PaymentCollector({ providers: {} })).toThrow(/options\.providers/);
  });

  it("collecting the same id twice sends one request", async () => {
    h = await startHarness();
    const input = order("06 123 45 67");
    await Promise.all([h.collector.collect(input), h.collector.collect(input)]);
    await h.collector.settled(input.id);
    expect(h.mtnStandIn.requests.filter((r) => r.path === "/collection/v1_0/requesttopay")).toHaveLength(1);
    expect(h.mtnStandIn.debits).toHaveLength(1);
  });
});

describe("PaymentCollector — never charged twice", () => {
  it.each(["mtn", "airtel"] as const)(
    "%s: the request's answer is lost although the provider recorded it → one request, one debit",
    async (operator) => {
      h = await startHarness({ timeoutMs: 300 });
      const standIn = operator === "mtn" ? h.mtnStandIn : h.airtelStandIn;
      standIn.setFault("request", { kind: "hang", afterRecord: true });
      const input = order(operator === "mtn" ? "06 123 45 67" : "05 512 34 56");
      await h.collector.collect(input);
      expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
      const posts = standIn.requests.filter((r) => r.method === "POST" && !r.path.includes("token"));
      expect(posts).toHaveLength(1);
      expect(standIn.debits).toHaveLength(1);
    },
  );

  it("a 500 after recording is resolved by a query, not a new payment", async () => {
    h = await startHarness();
    h.mtnStandIn.setFault("request", { kind: "error", status: 500, afterRecord: true });
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(h.mtnStandIn.requests.filter((r) => r.path === "/collection/v1_0/requesttopay")).toHaveLength(1);
    expect(h.mtnStandIn.debits).toHaveLength(1);
  });

  it("a 500 the provider did not record is sent again with the same id (404 first), and paid once", async () => {
    h = await startHarness();
    h.mtnStandIn.setFault("request", { kind: "error", status: 500 });
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded", requestAttempts: 2 });
    const posts = h.mtnStandIn.requests.filter((r) => r.path === "/collection/v1_0/requesttopay");
    expect(posts.map((p) => p.headers["x-reference-id"])).toEqual([input.id, input.id]);
    expect(h.mtnStandIn.debits).toHaveLength(1);
  });

  it("a gateway that never records gives up after maxRequestAttempts, failed, never paid", async () => {
    h = await startHarness({ collector: { maxRequestAttempts: 2 } });
    h.mtnStandIn.setFault("request", { kind: "error", status: 503 }, 10);
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({
      status: "failed",
      reason: "unknown",
      anomaly: "provider never recorded the request",
    });
    expect(h.mtnStandIn.requests.filter((r) => r.path === "/collection/v1_0/requesttopay")).toHaveLength(2);
  });

  it("Airtel refusing the number outright settles failed with its reason", async () => {
    h = await startHarness();
    await h.airtelStandIn.close();
    const { startAirtelMoneyStandIn } = await import("../testing/airtel-stand-in.js");
    const { AirtelMoneyCollection } = await import("../airtel/airtel-money-collection.js");
    const standIn = await startAirtelMoneyStandIn({ unknownNumbers: ["041111111"] });
    try {
      const collector = new PaymentCollector({
        providers: { airtel: new AirtelMoneyCollection({ ...standIn.credentials, baseUrl: standIn.url }) },
        firstPollMs: 10,
      });
      const input = order("04 111 11 11");
      await collector.collect(input);
      expect(await collector.settled(input.id)).toMatchObject({ status: "failed", reason: "payer_not_found" });
      collector.close();
    } finally {
      await standIn.close();
    }
  });
});

describe("PaymentCollector — callbacks are hints", () => {
  it("a duplicated callback confirms once", async () => {
    h = await startHarness({ collector: { firstPollMs: 60_000 } }); // no polling: only callbacks can settle
    h.mtnStandIn.setCallbacks("twice");
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    await until(() => h.callbacks.length === 2);
    expect(await Promise.all(h.callbacks.map((c) => c.handled))).toEqual([input.id, input.id]);
    expect(h.settled).toHaveLength(1);
  });

  it("a forged SUCCESSFUL callback changes nothing: the query says pending", async () => {
    h = await startHarness({ collector: { firstPollMs: 60_000 } });
    h.mtnStandIn.setPhone(() => "ignore");
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    const forged = {
      referenceId: input.id,
      externalId: input.externalId,
      amount: "15",
      currency: "EUR",
      status: "SUCCESSFUL",
      financialTransactionId: "123",
    };
    const res = await request(`${h.callbackUrl}/mtn?referenceId=${input.id}`, {
      method: "PUT",
      body: JSON.stringify(forged),
    });
    await res.body.dump();
    await until(() => h.mtnStandIn.requests.some((r) => r.method === "GET"));
    expect(await h.collector.check(input.id)).toMatchObject({ status: "pending" });
    expect(h.settled).toHaveLength(0);
  });

  it("a garbage callback is ignored without throwing", async () => {
    h = await startHarness();
    expect(await h.collector.handleCallback("mtn", "%%%not json", "/mtn?x=1")).toBeUndefined();
    expect(await h.collector.handleCallback("airtel", { transaction: { id: randomUUID() } })).toBeUndefined();
  });

  it("a missing callback is covered by polling", async () => {
    h = await startHarness();
    h.mtnStandIn.setCallbacks("never");
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    expect(await h.collector.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(h.callbacks).toHaveLength(0);
  });
});

describe("PaymentCollector — restarts and tokens", () => {
  it("a restart while pending resumes from the store and finishes, notifying once", async () => {
    h = await startHarness();
    h.mtnStandIn.setCallbacks("never");
    let answer: ((a: PhoneAnswer) => void) | undefined;
    h.mtnStandIn.setPhone(() => new Promise<PhoneAnswer>((resolve) => (answer = resolve)));
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    h.collector.close(); // the process dies with the payment pending
    await until(() => answer !== undefined);
    if (answer === undefined) throw new Error("the phone was never prompted");
    answer("accept");
    const next = h.restart();
    expect(await next.resumePending()).toBe(1);
    expect(await next.settled(input.id)).toMatchObject({ status: "succeeded" });
    expect(h.settled.map((p) => p.id)).toEqual([input.id]);
    expect(h.mtnStandIn.debits).toHaveLength(1);
  });

  it("a crash before the request left is resumed by asking first, then sending with the same id", async () => {
    h = await startHarness();
    const id = randomUUID();
    await h.store.create(pendingPayment(id, { externalId: "order-7", phase: "requesting", requestAttempts: 0 }));
    await h.collector.resumePending();
    expect(await h.collector.settled(id)).toMatchObject({ status: "succeeded" });
    const calls = h.mtnStandIn.requests.filter((r) => !r.path.includes("token")).map((r) => r.method);
    expect(calls.slice(0, 2)).toEqual(["GET", "POST"]);
  });

  it("a success whose amount does not match the stored order is not paid", async () => {
    h = await startHarness();
    const id = randomUUID();
    await h.mtn.requestPayment({
      id,
      amount: 1,
      payer: "06 123 45 67",
      description: "Commande 9",
      externalId: "order-9",
    });
    await h.store.create(pendingPayment(id, { externalId: "order-9", phase: "requested", requestAttempts: 1 }));
    await h.collector.resumePending();
    expect(await h.collector.settled(id)).toMatchObject({
      status: "failed",
      reason: "unknown",
      anomaly: "amount 1 instead of 15",
    });
  });

  it("onSettled failing is called again by resumePending; the payment stays settled", async () => {
    const calls: string[] = [];
    let fail = true;
    h = await startHarness({
      collector: {
        onSettled: (p) => {
          calls.push(p.id);
          if (fail) throw new Error("database away");
        },
      },
    });
    const input = order("06 123 45 67");
    await h.collector.collect(input);
    await h.collector.settled(input.id);
    expect((await h.store.listUnfinished()).map((p) => p.id)).toEqual([input.id]);
    fail = false;
    const next = h.restart();
    await next.resumePending();
    await until(() => calls.length === 2);
    await next.settled(input.id);
    expect(await h.store.listUnfinished()).toEqual([]);
    expect(await h.store.get(input.id)).toMatchObject({ status: "succeeded", notified: true });
  });

  it("token expiry mid-run is refreshed once for many concurrent payments", async () => {
    h = await startHarness();
    const first = Array.from({ length: 15 }, () => order("06 123 45 67"));
    await Promise.all(first.map((o) => h.collector.collect(o)));
    expect(h.mtnStandIn.tokensIssued).toBe(1);
    h.mtnStandIn.revokeTokens();
    const second = Array.from({ length: 15 }, () => order("06 123 45 67"));
    await Promise.all(second.map((o) => h.collector.collect(o)));
    await Promise.all([...first, ...second].map((o) => h.collector.settled(o.id)));
    expect(h.mtnStandIn.tokensIssued).toBe(2);
    expect(h.mtnStandIn.debits).toHaveLength(30);
    expect(h.settled).toHaveLength(30);
  });
});
