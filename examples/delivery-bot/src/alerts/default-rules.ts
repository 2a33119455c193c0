import type { AlertRule } from "@toktok/analytics";
import { PAYMENT_REFUND_ERROR } from "../bot/late-payment.ts";
import { DASHBOARD_TOKEN_ERROR, WEBHOOK_SIGNATURE_ERROR } from "./security-events.ts";

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * The rules the bot watches (issue 19, the seeds' operators): the error rate above 1 % over 15 minutes
 * (the seed's rule), slow answers, a drop of completed missions week over week, and two
 * security alerts — refused webhook signatures and bad dashboard tokens, each tracked as an error of
 * its own name, outside the error rate (`alerts/security-events.ts`).
 */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  {
    name: "taux-erreur",
    type: "threshold",
    metric: "errorRate",
    op: ">",
    value: 0.01,
    windowMs: FIFTEEN_MINUTES,
    severity: "critical",
  },
  {
    name: "temps-reponse-p90",
    type: "threshold",
    metric: "p90ResponseMs",
    op: ">",
    value: 5_000,
    windowMs: FIFTEEN_MINUTES,
    severity: "warning",
  },
  {
    // Completed missions only (the dispatcher tracks `mission_completed`): a rise of shop orders must not
    // hide fewer deliveries, nor a drop of orders pass for one.
    name: "baisse-missions-terminees",
    type: "trend_change",
    metric: "conversions",
    conversionType: "mission_completed",
    changePct: 30,
    direction: "down",
    severity: "warning",
  },
  {
    name: "signatures-webhook-refusees",
    type: "threshold",
    metric: "errors",
    errorName: WEBHOOK_SIGNATURE_ERROR,
    op: ">=",
    value: 10,
    windowMs: FIFTEEN_MINUTES,
    severity: "critical",
  },
  {
    name: "jetons-dashboard-invalides",
    type: "threshold",
    metric: "errors",
    errorName: DASHBOARD_TOKEN_ERROR,
    op: ">=",
    value: 5,
    windowMs: FIFTEEN_MINUTES,
    severity: "critical",
  },
  {
    // A Mobile Money payment that succeeded after its customer left (bot/late-payment.ts): a person refunds it.
    name: "paiement-a-rembourser",
    type: "threshold",
    metric: "errors",
    errorName: PAYMENT_REFUND_ERROR,
    op: ">=",
    value: 1,
    windowMs: FIFTEEN_MINUTES,
    severity: "critical",
  },
];
