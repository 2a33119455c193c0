import { round2 } from "../format/round.js";
import type { PeriodCounts, PeriodTotals } from "../stores/store.js";
import { type PeriodUnit, periodEnd, periodStart } from "../time/period.js";
import { dayKey } from "../time/zone.js";

/** Totals of one day, week (Monday first) or month, with derived rates. */
export interface PeriodStats extends PeriodCounts {
  /** errors ÷ messages (0 without messages). */
  errorRate: number;
  avgResponseMs: number;
}

/** Name of a numeric field of {@link PeriodStats}. */
export type PeriodMetric = Exclude<keyof PeriodStats, "period">;

/** Every metric of {@link PeriodStats}. */
export const PERIOD_METRICS: readonly PeriodMetric[] = [
  "sessions",
  "activeUsers",
  "messages",
  "conversions",
  "revenueXaf",
  "errors",
  "errorRate",
  "avgResponseMs",
];

/** One row per period of `[fromDay, toDay]`, zeros where the store had nothing. */
export function buildPeriodStats(rows: readonly PeriodTotals[], fromDay: number, toDay: number, unit: PeriodUnit) {
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const out: PeriodStats[] = [];
  for (let start = periodStart(fromDay, unit); start <= toDay; start = periodEnd(start, unit)) {
    const period = dayKey(start);
    const r = byPeriod.get(period);
    out.push({
      period,
      sessions: r?.sessions ?? 0,
      activeUsers: r?.activeUsers ?? 0,
      messages: r?.messages ?? 0,
      conversions: r?.conversions ?? 0,
      revenueXaf: r?.revenueXaf ?? 0,
      errors: r?.errors ?? 0,
      errorRate: r && r.messages > 0 ? r.errors / r.messages : 0,
      avgResponseMs: r && r.responseCount > 0 ? round2(r.responseSumMs / r.responseCount) : 0,
    });
  }
  return out;
}

/** A metric over several daily rows: sums for counts, pooled ratio for the error rate, mean of days with traffic for response time. */
export function periodTotal(rows: readonly PeriodStats[], metric: PeriodMetric): number {
  if (metric === "avgResponseMs") {
    const active = rows.filter((r) => r.avgResponseMs > 0);
    return active.length === 0 ? 0 : active.reduce((s, r) => s + r.avgResponseMs, 0) / active.length;
  }
  if (metric === "errorRate") {
    const messages = rows.reduce((s, r) => s + r.messages, 0);
    return messages === 0 ? 0 : rows.reduce((s, r) => s + r.errors, 0) / messages;
  }
  return rows.reduce((s, r) => s + r[metric], 0);
}
