import type { Analytics } from "@toktok/analytics";
import type { AnalyticsSink } from "@toktok/flows";
import type { PaymentsLogger, StoredPayment } from "@toktok/payments";

/** The analytics' payment events, as the bot tracks them (`getPayments` reads them back). */
export interface PaymentEvents {
  /** A Mobile Money payment as the collector now holds it: pending (requested), succeeded or failed. */
  track(payment: Pick<StoredPayment, "id" | "operator" | "amount" | "payer" | "status" | "reason" | "metadata">): void;
}

type Tracker = Pick<Analytics, "trackPayment">;

const METHOD = { mtn: "mtn_momo", airtel: "airtel_money" } as const;

/**
 * Mobile Money payments into the analytics: each call tracks the status the collector holds, so a payment
 * asked again (a redelivered message) or settled twice (`resumePending`) still reads as one payment with
 * its latest status. A marketplace payment (its metadata names the `merchantId`) is tracked under that
 * company, like its order. A refused event is logged, never thrown into the payment's path.
 */
export function paymentEvents(analytics: Tracker, logger?: Pick<PaymentsLogger, "warn">): PaymentEvents {
  return {
    track(payment) {
      try {
        // A marketplace payment belongs to its shop's company (the merchant id, as for its order's conversion).
        const company = payment.metadata?.merchantId;
        analytics.trackPayment(
          payment.metadata?.waId ?? payment.payer,
          {
            paymentId: payment.id,
            method: METHOD[payment.operator],
            status: payment.status === "pending" ? "requested" : payment.status,
            amountXaf: payment.amount,
            ...(payment.status === "failed" && payment.reason ? { reason: payment.reason } : {}),
          },
          company ? { companyId: company } : undefined,
        );
      } catch (error) {
        logger?.warn("payments: analytics event refused", { id: payment.id, error: String(error) });
      }
    },
  };
}

/**
 * The engine's analytics sink, with each confirmed order or delivery paid in cash (`metadata.payment`
 * `"cash"`, with its `reference`) also tracked as a succeeded cash payment, under its merchant when named.
 */
export function withCashPayments(sink: AnalyticsSink, analytics: Tracker): AnalyticsSink {
  return {
    ...sink,
    trackConversion: (user, type, value, metadata) => {
      sink.trackConversion?.(user, type, value, metadata);
      const reference = metadata?.reference;
      if (metadata?.payment !== "cash" || typeof reference !== "string" || reference === "") return;
      if (!Number.isSafeInteger(value) || value < 0) return;
      const company = metadata.merchantId;
      analytics.trackPayment(
        user,
        { paymentId: `cash:${reference}`, method: "cash", status: "succeeded", amountXaf: value },
        typeof company === "string" && company !== "" ? { companyId: company } : undefined,
      );
    },
  };
}
