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

/** The figures of one payment method. */
export interface MethodPayments {
  /** Payments started (distinct payment ids), settled or not. */
  attempts: number;
  succeeded: number;
  failed: number;
  /** `succeeded / (succeeded + failed)`, 0–1 (0 when none is settled). */
  successRate: number;
}

/** Payment figures over a range; each payment counted once, with its latest status. */
export interface Payments {
  /** Payments started (distinct payment ids), settled or not, cash included. */
  attempts: number;
  succeeded: number;
  failed: number;
  /**
   * Mobile Money payments (MTN MoMo, Airtel Money) succeeded over settled, 0–1 (0 when none is settled);
   * pending payments do not count. Cash is left out: a cash order is recorded as paid at once and would
   * make Mobile Money look more reliable than it is. Per method in `byMethod`.
   */
  successRate: number;
  /** The same figures per method (only methods with a payment in the range). */
  byMethod: Partial<Record<PaymentMethod, MethodPayments>>;
  /** Failed payments per reason. */
  failureReasons: Record<string, number>;
  /** XAF collected by succeeded payments, per method. */
  revenueByMethod: Record<string, number>;
}

const METHODS: readonly string[] = ["mtn_momo", "airtel_money", "cash"];
/** The methods whose payments can fail: the success rate is theirs. */
const MOBILE_MONEY: readonly string[] = ["mtn_momo", "airtel_money"];
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
    byMethod: {},
    failureReasons: {},
    revenueByMethod: {},
  };
  for (const t of totals) {
    out.attempts += t.count;
    const method = out.byMethod[t.method as PaymentMethod] ?? { attempts: 0, succeeded: 0, failed: 0, successRate: 0 };
    out.byMethod[t.method as PaymentMethod] = method;
    method.attempts += t.count;
    if (t.status === "succeeded") method.succeeded += t.count;
    else if (t.status === "failed") method.failed += t.count;
    if (t.status === "succeeded") {
      out.succeeded += t.count;
      out.revenueByMethod[t.method] = (out.revenueByMethod[t.method] ?? 0) + t.amountXaf;
    } else if (t.status === "failed") {
      out.failed += t.count;
      const reason = t.reason ?? UNKNOWN_REASON;
      out.failureReasons[reason] = (out.failureReasons[reason] ?? 0) + t.count;
    }
  }
  let mobileSucceeded = 0;
  let mobileSettled = 0;
  for (const [name, method] of Object.entries(out.byMethod)) {
    method.successRate = rate(method.succeeded, method.succeeded + method.failed);
    if (!MOBILE_MONEY.includes(name)) continue;
    mobileSucceeded += method.succeeded;
    mobileSettled += method.succeeded + method.failed;
  }
  out.successRate = rate(mobileSucceeded, mobileSettled);
  return out;
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
