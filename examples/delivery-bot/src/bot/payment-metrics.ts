import { Counter, type Registry } from "@prometheus-io/client";
import type { AnalyticsSink } from "@toktok/flows";
import type { Operator, StoredPayment } from "@toktok/payments";

/** What the bot counts of its payments (on `/metrics`, summed across processes by Prometheus). */
export interface PaymentMetrics {
  /** A Mobile Money payment asked of the customer's phone. */
  requested(operator: Operator): void;
  /** A Mobile Money payment reached its final status. */
  settled(payment: Pick<StoredPayment, "operator" | "status" | "reason">): void;
}

/**
 * Registers the payment figures: Mobile Money attempts per operator (`toktok_payments_requested_total`),
 * outcomes per operator, status and failure reason (`toktok_payments_settled_total`; the success rate is
 * succeeded ÷ requested), and the revenue of confirmed orders and deliveries per payment method
 * (`toktok_revenue_by_method_xaf_total{method="cash"|"mtn_momo"|"airtel_money"}`, from {@link withRevenueByMethod}).
 */
export function registerPaymentMetrics(registry: Registry): PaymentMetrics & { revenue: Counter<"method"> } {
  const requested = new Counter({
    name: "toktok_payments_requested_total",
    help: "Mobile Money payments asked of a customer's phone, by operator.",
    labelNames: ["operator"],
    registers: [registry],
  });
  const settled = new Counter({
    name: "toktok_payments_settled_total",
    help: "Mobile Money payments settled, by operator, status (succeeded, failed) and failure reason.",
    labelNames: ["operator", "status", "reason"],
    registers: [registry],
  });
  const revenue = new Counter({
    name: "toktok_revenue_by_method_xaf_total",
    help: "Revenue of confirmed orders and deliveries in XAF, by payment method (cash, mtn_momo, airtel_money).",
    labelNames: ["method"],
    registers: [registry],
  });
  return {
    revenue,
    requested: (operator) => requested.inc({ operator }),
    settled: (payment) => {
      if (payment.status === "pending") return;
      settled.inc({ operator: payment.operator, status: payment.status, reason: payment.reason ?? "" });
    },
  };
}

const methods = new Set(["cash", "mtn_momo", "airtel_money"]);

/**
 * The engine's analytics sink, with each conversion that names its payment method (`metadata.payment`, as
 * the marketplace's orders and the courier's deliveries do) also added to the revenue of that method.
 */
export function withRevenueByMethod(sink: AnalyticsSink, revenue: Pick<Counter<"method">, "inc">): AnalyticsSink {
  return {
    ...sink,
    trackConversion: (user, type, value, metadata) => {
      sink.trackConversion?.(user, type, value, metadata);
      const method = metadata?.payment;
      if (typeof method === "string" && methods.has(method) && value > 0) revenue.inc({ method }, value);
    },
  };
}
