import type { Analytics } from "../analytics.js";
import type { Payments } from "../payments/payments.js";

/** 2026-11-22 08:00 UTC, the start of the scripted day of payments. */
export const PAYMENT_DAY = Date.UTC(2026, 10, 22, 8);

/**
 * A day of payments: MoMo 7 500 paid; Airtel 3 000 refused for funds; MoMo 5 000 expired then paid on a
 * retry (a new payment id); cash 2 000 requested and paid at the same instant; Airtel 4 500 still pending;
 * MoMo 1 000 failed without a reason; another company's Airtel 6 000 paid; a MoMo 1 000 the day before.
 */
export function playPayments(analytics: Analytics, clock: { now: number }): void {
  const at = (hours: number) => {
    clock.now = PAYMENT_DAY + hours * 3_600_000;
  };
  const pay = analytics.trackPayment.bind(analytics);
  at(-20);
  pay("242060000009", { paymentId: "p0", method: "mtn_momo", status: "requested", amountXaf: 1000 });
  pay("242060000009", { paymentId: "p0", method: "mtn_momo", status: "succeeded", amountXaf: 1000 });
  at(1);
  pay("242060000001", { paymentId: "p1", method: "mtn_momo", status: "requested", amountXaf: 7500 });
  at(1.1);
  pay("242060000001", { paymentId: "p1", method: "mtn_momo", status: "succeeded", amountXaf: 7500 });
  at(2);
  pay("242050000002", { paymentId: "p2", method: "airtel_money", status: "requested", amountXaf: 3000 });
  at(2.1);
  const funds = { reason: "not_enough_funds" };
  pay("242050000002", { paymentId: "p2", method: "airtel_money", status: "failed", amountXaf: 3000, ...funds });
  at(3);
  pay("242060000003", { paymentId: "p3", method: "mtn_momo", status: "requested", amountXaf: 5000 });
  at(3.5);
  pay("242060000003", { paymentId: "p3", method: "mtn_momo", status: "failed", amountXaf: 5000, reason: "expired" });
  at(4);
  pay("242060000003", { paymentId: "p4", method: "mtn_momo", status: "requested", amountXaf: 5000 });
  at(4.1);
  pay("242060000003", { paymentId: "p4", method: "mtn_momo", status: "succeeded", amountXaf: 5000 });
  at(5);
  pay("242060000005", { paymentId: "p5", method: "cash", status: "requested", amountXaf: 2000 });
  pay("242060000005", { paymentId: "p5", method: "cash", status: "succeeded", amountXaf: 2000 });
  at(6);
  pay("242050000006", { paymentId: "p6", method: "airtel_money", status: "requested", amountXaf: 4500 });
  at(7);
  pay("242060000007", { paymentId: "p7", method: "mtn_momo", status: "requested", amountXaf: 1000 });
  pay("242060000007", { paymentId: "p7", method: "mtn_momo", status: "failed", amountXaf: 1000 });
  at(8);
  const boutique = { companyId: "boutique-1" };
  pay("242050000008", { paymentId: "p8", method: "airtel_money", status: "succeeded", amountXaf: 6000 }, boutique);
  at(12);
}

/**
 * The scripted day's payments, by hand: p1–p8 are 8 attempts; paid p1, p4, p5, p8 (4), failed p2, p3, p7 (3),
 * p6 pending; the success rate leaves cash p5 out → Mobile Money 3 paid of 6 settled (MoMo p1, p4 of p1, p3,
 * p4, p7: 2 / 4; Airtel p8 of p2, p8: 1 / 2); reasons funds, expired, unknown; MoMo 7 500 + 5 000, cash 2 000,
 * Airtel 6 000.
 */
export const PAYMENT_DAY_PAYMENTS: Payments = {
  attempts: 8,
  succeeded: 4,
  failed: 3,
  successRate: 3 / 6,
  byMethod: {
    mtn_momo: { attempts: 4, succeeded: 2, failed: 2, successRate: 2 / 4 },
    airtel_money: { attempts: 3, succeeded: 1, failed: 1, successRate: 1 / 2 },
    cash: { attempts: 1, succeeded: 1, failed: 0, successRate: 1 },
  },
  failureReasons: { not_enough_funds: 1, expired: 1, unknown: 1 },
  revenueByMethod: { mtn_momo: 12_500, cash: 2000, airtel_money: 6000 },
};
