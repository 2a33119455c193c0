import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import { AnalyticsValidationError } from "../errors.js";
import { PAYMENT_DAY, PAYMENT_DAY_PAYMENTS, playPayments } from "../testing/scripted-payments.js";

const day = { from: PAYMENT_DAY, to: PAYMENT_DAY + 16 * 3_600_000 };

describe("getPayments", () => {
  it("equals the scripted day's figures computed by hand (latest status per payment, day only)", async () => {
    const clock = { now: PAYMENT_DAY };
    const analytics = new Analytics({ now: () => clock.now });
    playPayments(analytics, clock);
    expect(await analytics.getPayments(day)).toEqual(PAYMENT_DAY_PAYMENTS);
    // Including the day before adds p0 (MoMo 1 000 paid): 9 attempts, 5 paid; Mobile Money 4 / 7 (MoMo 3 / 5),
    // where counting cash as a payment would say 5 / 8.
    expect(await analytics.getPayments({ from: PAYMENT_DAY - 86_400_000, to: day.to })).toMatchObject({
      attempts: 9,
      succeeded: 5,
      successRate: 4 / 7,
      byMethod: { mtn_momo: { attempts: 5, succeeded: 3, failed: 2, successRate: 3 / 5 } },
      revenueByMethod: { mtn_momo: 13_500 },
    });
    expect(await analytics.getPayments({ ...day, companyId: "boutique-1" })).toEqual({
      attempts: 1,
      succeeded: 1,
      failed: 0,
      successRate: 1,
      byMethod: { airtel_money: { attempts: 1, succeeded: 1, failed: 0, successRate: 1 } },
      failureReasons: {},
      revenueByMethod: { airtel_money: 6000 },
    });
    await analytics.close();
  });

  it("leaves cash out of the success rate: paid cash orders never lift Mobile Money's", async () => {
    const analytics = new Analytics();
    const pay = (paymentId: string, method: "mtn_momo" | "cash", status: "succeeded" | "failed") =>
      analytics.trackPayment("242060000001", { paymentId, method, status, amountXaf: 1000 });
    pay("m1", "mtn_momo", "failed");
    pay("m2", "mtn_momo", "succeeded");
    for (const id of ["c1", "c2", "c3"]) pay(id, "cash", "succeeded");
    expect(await analytics.getPayments()).toMatchObject({
      succeeded: 4,
      failed: 1,
      successRate: 0.5,
      byMethod: { cash: { attempts: 3, succeeded: 3, failed: 0, successRate: 1 } },
    });
    await analytics.close();
  });

  it("never counts in conversions, revenue or the error rate", async () => {
    const clock = { now: PAYMENT_DAY };
    const analytics = new Analytics({ now: () => clock.now });
    playPayments(analytics, clock);
    const summary = await analytics.getSummary(day);
    expect(summary.conversions.total).toBe(0);
    expect(summary.revenueXaf).toBe(0);
    expect(summary.errors).toEqual({ total: 0, rate: 0 });
    await analytics.close();
  });

  it("is empty without payments, and a bad field is refused naming it", async () => {
    const analytics = new Analytics();
    expect(await analytics.getPayments()).toEqual({
      attempts: 0,
      succeeded: 0,
      failed: 0,
      successRate: 0,
      byMethod: {},
      failureReasons: {},
      revenueByMethod: {},
    });
    const ok = { paymentId: "p1", method: "mtn_momo", status: "requested", amountXaf: 100 } as const;
    expect(() => analytics.trackPayment("242060000001", { ...ok, amountXaf: -1 })).toThrow(
      expect.objectContaining({ field: "payment.amountXaf" }),
    );
    // @ts-expect-error: not a method
    expect(() => analytics.trackPayment("242060000001", { ...ok, method: "card" })).toThrow(
      expect.objectContaining({ field: "payment.method" }),
    );
    expect(() => analytics.trackPayment("242060000001", { ...ok, paymentId: "" })).toThrow(AnalyticsValidationError);
    await analytics.close();
  });
});
