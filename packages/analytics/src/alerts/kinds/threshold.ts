import type { AnalyticsSummary } from "../../summary/summary.js";
import { checkName, checkPositive, invalid } from "../../validate.js";
import { type AlertKindSpec, formatMetric, oneOf, type RuleBase } from "../kind.js";

/** The figures of the live summary a threshold can watch, each with how it is read. */
const READ = {
  errorRate: (s) => s.errors.rate,
  errors: (s) => s.errors.total,
  messages: (s) => s.messages.total,
  sessions: (s) => s.sessions.total,
  activeSessions: (s) => s.sessions.active,
  activeUsers: (s) => s.activeUsers,
  conversions: (s) => s.conversions.total,
  revenueXaf: (s) => s.revenueXaf,
  avgResponseMs: (s) => s.responseTime.avgMs,
  p50ResponseMs: (s) => s.responseTime.p50Ms,
  p90ResponseMs: (s) => s.responseTime.p90Ms,
  p99ResponseMs: (s) => s.responseTime.p99Ms,
} satisfies Record<string, (s: AnalyticsSummary) => number>;

/** A figure of the live summary a threshold can watch. */
export type SummaryMetric = keyof typeof READ;

/** Every {@link SummaryMetric}. */
export const SUMMARY_METRICS = Object.keys(READ) as readonly SummaryMetric[];

/** Reads a threshold metric off a summary. */
export function summaryMetric(s: AnalyticsSummary, metric: SummaryMetric): number {
  return READ[metric](s);
}

const OPS = {
  ">": (a: number, b: number) => a > b,
  ">=": (a: number, b: number) => a >= b,
  "<": (a: number, b: number) => a < b,
  "<=": (a: number, b: number) => a <= b,
};

/** Fires when a summary figure over the last `windowMs` crosses `value` (e.g. error rate > 0.01). */
export interface ThresholdRule extends RuleBase {
  type: "threshold";
  metric: SummaryMetric;
  op: keyof typeof OPS;
  value: number;
  /** Default one hour. */
  windowMs?: number;
  /**
   * With `metric: "errors"`: count only the errors of this name (as `trackError` records it,
   * e.g. `"WebhookSignatureError"`), for security alerts on one kind of failure.
   */
  errorName?: string;
}

/** Most distinct error fingerprints read to count one error name (each is a name + message pair). */
const MAX_FINGERPRINTS = 1000;

/** The `threshold` kind. */
export const thresholdKind: AlertKindSpec<ThresholdRule> = {
  validate(rule, field) {
    oneOf(rule.metric, `${field}.metric`, SUMMARY_METRICS);
    oneOf(rule.op, `${field}.op`, Object.keys(OPS) as Array<keyof typeof OPS>);
    if (typeof rule.value !== "number" || !Number.isFinite(rule.value))
      throw invalid(`${field}.value`, "must be a finite number");
    if (rule.windowMs !== undefined) checkPositive(rule.windowMs, `${field}.windowMs`);
    if (rule.errorName !== undefined) {
      checkName(rule.errorName, `${field}.errorName`);
      if (rule.metric !== "errors") throw invalid(`${field}.errorName`, 'applies to metric "errors" only');
    }
  },

  async evaluate(reader, rule, now) {
    const windowMs = rule.windowMs ?? 3_600_000;
    const range = { from: now - windowMs, to: now + 1 };
    const value =
      rule.errorName === undefined
        ? summaryMetric(await reader.getSummary(range), rule.metric)
        : (await reader.getTopErrors(MAX_FINGERPRINTS, range))
            .filter((e) => e.name === rule.errorName)
            .reduce((n, e) => n + e.count, 0);
    if (!OPS[rule.op](value, rule.value)) return null;
    const minutes = Math.round(windowMs / 60_000);
    const what = rule.errorName === undefined ? rule.metric : `${rule.metric} ${rule.errorName}`;
    return {
      metric: rule.metric,
      value,
      reference: rule.value,
      message: `${what} = ${formatMetric(rule.metric, value)} (seuil ${rule.op} ${formatMetric(rule.metric, rule.value)}) sur les ${minutes} dernières minutes.`,
    };
  },
};
