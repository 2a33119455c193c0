import type { PeriodMetric } from "../summary/period-stats.js";
import { PERIOD_METRICS } from "../summary/period-stats.js";
import { checkName, checkPositive, invalid } from "../tracking/validate.js";

/** How loud an alert is. */
export type AlertSeverity = "info" | "warning" | "critical";

/** A figure of the live summary a threshold can watch. */
export type SummaryMetric =
  | "errorRate"
  | "errors"
  | "messages"
  | "sessions"
  | "activeSessions"
  | "activeUsers"
  | "conversions"
  | "revenueXaf"
  | "avgResponseMs"
  | "p50ResponseMs"
  | "p90ResponseMs"
  | "p99ResponseMs";

const SUMMARY_METRICS: readonly SummaryMetric[] = [
  "errorRate",
  "errors",
  "messages",
  "sessions",
  "activeSessions",
  "activeUsers",
  "conversions",
  "revenueXaf",
  "avgResponseMs",
  "p50ResponseMs",
  "p90ResponseMs",
  "p99ResponseMs",
];

interface RuleBase {
  /** Unique name, shown in the alert. */
  name: string;
  /** Default `"warning"`. */
  severity?: AlertSeverity;
}

/** Fires when a summary figure over the last `windowMs` crosses `value` (e.g. error rate > 0.01). */
export interface ThresholdRule extends RuleBase {
  type: "threshold";
  metric: SummaryMetric;
  op: ">" | ">=" | "<" | "<=";
  value: number;
  /** Default one hour. */
  windowMs?: number;
}

/** Fires when today's value lies more than `zScore` standard deviations from the trailing days' mean. */
export interface AnomalyRule extends RuleBase {
  type: "anomaly";
  metric: PeriodMetric;
  /** Default 3. */
  zScore?: number;
  /** Complete days before today used as the baseline. Default 14. */
  trailingDays?: number;
}

/** Fires when the last 7 days differ from the 7 before by at least `changePct` percent. */
export interface TrendChangeRule extends RuleBase {
  type: "trend_change";
  metric: PeriodMetric;
  changePct: number;
  /** Default `"any"`. */
  direction?: "up" | "down" | "any";
}

/** An alert rule: `threshold`, `anomaly` or `trend_change`. */
export type AlertRule = ThresholdRule | AnomalyRule | TrendChangeRule;

/** An alert that fires now. */
export interface Alert {
  rule: string;
  type: AlertRule["type"];
  severity: AlertSeverity;
  metric: string;
  /** The observed value. */
  value: number;
  /** The threshold, baseline mean, or previous-week value it was compared with. */
  reference: number;
  /** Human message in French. */
  message: string;
  /** ISO 8601 time of evaluation. */
  at: string;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${allowed.join(", ")}`);
  return value as T;
}

/** Validates a rule, naming the offending field (`alerts[2].metric`). */
export function validateRule(rule: AlertRule, field: string): AlertRule {
  if (typeof rule !== "object" || rule === null) throw invalid(field, "must be an object");
  checkName(rule.name, `${field}.name`);
  if (rule.severity !== undefined) oneOf(rule.severity, ["info", "warning", "critical"], `${field}.severity`);
  switch (rule.type) {
    case "threshold":
      oneOf(rule.metric, SUMMARY_METRICS, `${field}.metric`);
      oneOf(rule.op, [">", ">=", "<", "<="], `${field}.op`);
      if (typeof rule.value !== "number" || !Number.isFinite(rule.value))
        throw invalid(`${field}.value`, "must be a finite number");
      if (rule.windowMs !== undefined) checkPositive(rule.windowMs, `${field}.windowMs`);
      return rule;
    case "anomaly":
      oneOf(rule.metric, PERIOD_METRICS, `${field}.metric`);
      if (rule.zScore !== undefined) checkPositive(rule.zScore, `${field}.zScore`);
      if (rule.trailingDays !== undefined && (!Number.isSafeInteger(rule.trailingDays) || rule.trailingDays < 3)) {
        throw invalid(`${field}.trailingDays`, "must be an integer >= 3");
      }
      return rule;
    case "trend_change":
      oneOf(rule.metric, PERIOD_METRICS, `${field}.metric`);
      checkPositive(rule.changePct, `${field}.changePct`);
      if (rule.direction !== undefined) oneOf(rule.direction, ["up", "down", "any"], `${field}.direction`);
      return rule;
    default:
      throw invalid(`${field}.type`, "must be one of threshold, anomaly, trend_change");
  }
}
