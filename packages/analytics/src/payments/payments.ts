import type { PaymentTotals } from "../stores/store.js";
import { checkName, invalid } from "../validate.js";

/** How a customer pays. */
export type PaymentMethod = "mtn_momo" | "airtel_money" | "cash";
/** Where a payment stands: asked of the customer, then settled one way or the other. */
export type PaymentStatus = "requested" | "succeeded" | "failed";

/** One step of a payment, as given to `trackPayment`. */
export interface PaymentInput {
  /** The caller's id of the payment; its events are one attempt, read with their latest status. */
  paymentId: string;
  method: PaymentMethod;
  status: PaymentStatus;
  /** Amount in XAF, a non-negative integer. */
  amountXaf: number;
  /** Why a failed payment failed (e.g. `not_enough_funds`); `unknown` when left out. */
  reason?: string;
}

/** Payment figures over a range; each payment counted once, with its latest status. */
export interface Payments {
  /** Payments started (distinct payment ids), settled or not. */
  attempts: number;
  succeeded: number;
  failed: number;
  /** `succeeded / (succeeded + failed)`, 0–1 (0 when none is settled): pending payments do not count. */
  successRate: number;
  /** Failed payments per reason. */
  failureReasons: Record<string, number>;
  /** XAF collected by succeeded payments, per method. */
  revenueByMethod: Record<string, number>;
}

const METHODS: readonly string[] = ["mtn_momo", "airtel_money", "cash"];
const STATUSES: readonly string[] = ["requested", "succeeded", "failed"];

/** Reason of a failed payment that came without one. */
export const UNKNOWN_REASON = "unknown";

/** Checks a payment step; a bad field throws `AnalyticsValidationError` naming it. */
export function validatePayment(input: PaymentInput): PaymentInput {
  if (typeof input !== "object" || input === null) throw invalid("payment", "must be an object");
  checkName(input.paymentId, "payment.paymentId", 256);
  if (!METHODS.includes(input.method)) throw invalid("payment.method", `must be one of ${METHODS.join(", ")}`);
  if (!STATUSES.includes(input.status)) throw invalid("payment.status", `must be one of ${STATUSES.join(", ")}`);
  if (!Number.isSafeInteger(input.amountXaf) || input.amountXaf < 0) {
    throw invalid("payment.amountXaf", "must be a non-negative integer");
  }
  if (input.reason !== undefined) checkName(input.reason, "payment.reason", 128);
  return input;
}

/** Payment figures from a store's totals per method, status and reason. */
export function buildPayments(totals: readonly PaymentTotals[]): Payments {
  const out: Payments = {
    attempts: 0,
    succeeded: 0,
    failed: 0,
    successRate: 0,
    failureReasons: {},
    revenueByMethod: {},
  };
  for (const t of totals) {
    out.attempts += t.count;
    if (t.status === "succeeded") {
      out.succeeded += t.count;
      out.revenueByMethod[t.method] = (out.revenueByMethod[t.method] ?? 0) + t.amountXaf;
    } else if (t.status === "failed") {
      out.failed += t.count;
      const reason = t.reason ?? UNKNOWN_REASON;
      out.failureReasons[reason] = (out.failureReasons[reason] ?? 0) + t.count;
    }
  }
  const settled = out.succeeded + out.failed;
  out.successRate = settled === 0 ? 0 : out.succeeded / settled;
  return out;
}
