import { formatXaf, type LatePaymentHandler } from "@toktok/flows";
import type { PaymentsLogger, StoredPayment } from "@toktok/payments";
import type { Cluster, Redis } from "ioredis";

/**
 * The error tracked for a payment that succeeded after its customer left: its own name, so the alert rule
 * `paiement-a-rembourser` reaches the operators at the first one and the dashboard's top errors list it.
 */
export const PAYMENT_REFUND_ERROR = "PaymentRefundNeeded";

/** Which succeeded payments were used (an order or a mission) or handed to a refund, once for all processes. */
export interface PaymentClaims {
  /** True for the first caller only. */
  claim(id: string): Promise<boolean>;
}

/** How long a claim is remembered: far beyond any payment's life (MTN and Airtel expire theirs in minutes). */
const CLAIM_TTL_S = 30 * 24 * 3600;

/** Claims in Redis (`SET NX`, one key per payment, shared by every bot process), or in memory for one process. */
export function paymentClaims(redis?: Redis | Cluster): PaymentClaims {
  if (redis) {
    return {
      claim: async (id) => (await redis.set(`toktok:payments:claimed:${id}`, "1", "EX", CLAIM_TTL_S, "NX")) === "OK",
    };
  }
  const claimed = new Set<string>();
  return {
    claim: async (id) => {
      if (claimed.has(id)) return false;
      claimed.add(id);
      return true;
    },
  };
}

/** Where a refund to make is counted: analytics' `trackError` fits (the alert rule reads the error's name). */
export interface RefundTracker {
  trackError(error: Error, context: Record<string, string | number | boolean | null>): void;
}

/** Why a succeeded payment is refunded instead of used. */
export type RefundCause = "paid_after_leaving" | "amount_changed";

const REFUND_WHY: Record<RefundCause, string> = {
  paid_after_leaving: "paid after the customer left the order",
  amount_changed: "paid amount is not the order's total",
};

/**
 * Reports a succeeded payment a person must refund — the one path for every refund (late settlement, amount
 * changed), so the alert rule `paiement-a-rembourser` and the dashboard's top errors see them all: logged as
 * REFUND NEEDED and tracked as a {@link PAYMENT_REFUND_ERROR}. The caller has claimed the payment first.
 */
export function reportRefund(
  deps: { trackError: RefundTracker["trackError"]; logger: PaymentsLogger },
  payment: StoredPayment,
  facts: { cause: RefundCause; user: string | undefined; detail?: string },
): void {
  const paid = {
    paymentId: payment.id,
    operator: payment.operator,
    amount: payment.amount,
    currency: payment.currency,
  };
  const detail: Record<string, string> = facts.detail === undefined ? {} : { detail: facts.detail };
  deps.logger.error(`payments: REFUND NEEDED — ${REFUND_WHY[facts.cause]}`, { ...paid, ...detail });
  const error = new Error(`Mobile Money ${payment.operator} ${REFUND_WHY[facts.cause]}: refund`);
  error.name = PAYMENT_REFUND_ERROR;
  deps.trackError(error, { kind: "payment_refund", cause: facts.cause, user: facts.user ?? null, ...paid, ...detail });
}

/** What {@link latePaymentHandler} needs. */
export interface LatePaymentDeps {
  payments: { get(id: string): Promise<StoredPayment | undefined> };
  claims: PaymentClaims;
  /** Where the refund is counted (analytics' `trackError`): the alert rule tells the operators. */
  trackError: RefundTracker["trackError"];
  logger: PaymentsLogger;
}

/**
 * The engine's `onLatePayment`: a payment that succeeded after its customer cancelled or went elsewhere is
 * not turned into an order again (the customer chose to leave, the basket or the prices may have changed):
 * it is claimed for a refund, logged as an error, counted (which alerts the operators) and the customer is
 * told plainly that an agent will refund them. A failed or unknown payment charged nobody: nothing is said.
 * A payment the waiting step already used (claimed) is left alone.
 */
export function latePaymentHandler(deps: LatePaymentDeps): LatePaymentHandler {
  return async ({ userId, paymentId, locale, t }) => {
    const payment = await deps.payments.get(paymentId);
    if (payment?.status !== "succeeded") return undefined;
    if (!(await deps.claims.claim(paymentId))) return undefined;
    reportRefund(deps, payment, { cause: "paid_after_leaving", user: userId });
    return t.mobileMoney.paidAfterLeaving(formatXaf(payment.amount, locale));
  };
}
