import { Analytics } from "@toktok/analytics";
import type { StoredPayment } from "@toktok/payments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companySink } from "../bot/company-sink.ts";
import { paymentEvents, withCashPayments } from "../bot/payment-events.ts";
import { mintDashboardToken, mountDashboard } from "./index.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "test-secret-of-at-least-32-characters!!";
/** 18:00 in Brazzaville on Saturday 21 November 2026, the end of the scripted day. */
const NOW = Date.parse("2026-11-21T17:00:00Z");
const clock = { now: NOW };
let analytics: Analytics;
let server: { url: string; close(): Promise<void> };

type Step = Pick<StoredPayment, "id" | "operator" | "amount" | "payer" | "status" | "reason" | "metadata">;

/** A payment as the collector holds it when the bot tracks it (on request, then on settlement). */
function collector(hoursBeforeNow: number, step: Omit<Step, "payer" | "metadata">) {
  clock.now = NOW - hoursBeforeNow * 3_600_000;
  paymentEvents(analytics).track({ ...step, payer: "06 123 45 67", metadata: { waId: "242061234567" } });
}

/** An order confirmed by the marketplace flow, as the engine hands it to the bot's sink. */
function order(hoursBeforeNow: number, reference: string, value: number, payment: string) {
  clock.now = NOW - hoursBeforeNow * 3_600_000;
  withCashPayments(companySink(analytics), analytics).trackConversion?.("242061234567", "order", value, {
    reference,
    merchantId: "m-1",
    payment,
  });
}

beforeAll(async () => {
  analytics = new Analytics({ now: () => clock.now });
  collector(30, { id: "p0", operator: "mtn", amount: 1000, status: "succeeded" }); // the day before
  collector(9, { id: "p1", operator: "mtn", amount: 7500, status: "pending" });
  collector(8.9, { id: "p1", operator: "mtn", amount: 7500, status: "succeeded" });
  collector(8.8, { id: "p1", operator: "mtn", amount: 7500, status: "succeeded" }); // settled twice (resumePending)
  order(8.8, "CMD-1", 7500, "mtn_momo"); // its order: not a second payment
  collector(8, { id: "p2", operator: "airtel", amount: 3000, status: "pending" });
  collector(7.9, { id: "p2", operator: "airtel", amount: 3000, status: "failed", reason: "insufficient_funds" });
  collector(7, { id: "p3", operator: "mtn", amount: 5000, status: "pending" });
  collector(6.5, { id: "p3", operator: "mtn", amount: 5000, status: "failed", reason: "expired" });
  collector(6, { id: "p4", operator: "mtn", amount: 5000, status: "pending" }); // the retry
  collector(5.9, { id: "p4", operator: "mtn", amount: 5000, status: "succeeded" });
  collector(5, { id: "p5", operator: "airtel", amount: 4500, status: "pending" }); // never settled
  order(4, "CMD-2", 2000, "cash");
  clock.now = NOW;
  const handler = mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET }, dashboardDir: "/nonexistent" });
  server = await serveOnLoopback(handler);
});
afterAll(async () => {
  await server?.close();
  await analytics?.close();
});

describe("GET /api/analytics/payments", () => {
  it("equals the scripted day's payments computed by hand", async () => {
    const token = await mintDashboardToken({ secret: SECRET });
    const res = await fetch(`${server.url}/api/analytics/payments?period=24h`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // p1 to p5 and the cash order CMD-2: 6 attempts; paid p1, p4, CMD-2 (3), failed p2, p3 (2), p5
    // pending; the success rate leaves the cash order out → Mobile Money 2 / 4 (MoMo 2 / 3, Airtel 0 / 1),
    // where counting cash would say 3 / 5; MoMo 7 500 + 5 000, cash 2 000. p0 is the day before.
    expect(await res.json()).toEqual({
      period: "24h",
      attempts: 6,
      succeeded: 3,
      failed: 2,
      successRate: 0.5,
      byMethod: {
        mtn_momo: { attempts: 3, succeeded: 2, failed: 1, successRate: 2 / 3 },
        airtel_money: { attempts: 2, succeeded: 0, failed: 1, successRate: 0 },
        cash: { attempts: 1, succeeded: 1, failed: 0, successRate: 1 },
      },
      failureReasons: { insufficient_funds: 1, expired: 1 },
      revenueByMethod: { mtn_momo: 12_500, cash: 2000 },
    });
    // The revenue stays the orders' (7 500 + 2 000), never added to by their payments.
    expect((await analytics.getSummary({ from: NOW - 86_400_000, to: NOW })).revenueXaf).toBe(9500);
  });

  it("refuses an unknown period naming the field", async () => {
    const token = await mintDashboardToken({ secret: SECRET });
    const res = await fetch(`${server.url}/api/analytics/payments?period=decade`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("period");
  });
});
