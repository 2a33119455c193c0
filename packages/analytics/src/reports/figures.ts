import type { Alert } from "../alerts/rules.js";
import { scoreDispatch } from "../dispatch/quality-score.js";
import type { Insight } from "../insights/types.js";
import type { AnalyticsReader } from "../reader.js";
import type { Satisfaction } from "../satisfaction/satisfaction.js";
import type { AnalyticsSummary } from "../summary/summary.js";
import { type Instant, scope, toDay } from "../time/range.js";
import { dayKey, dayStartUtc, weekStart } from "../time/zone.js";
import { invalid } from "../validate.js";

/** What `renderReport` covers. */
export interface ReportRequest {
  period: "day" | "week";
  /** A moment (or `YYYY-MM-DD`) inside the day or ISO week reported. */
  date: Instant;
  /** Only this company's figures (no alerts: alert rules watch the whole operation). */
  companyId?: string;
}

/** The local days a report covers (day numbers, inclusive). */
export interface ReportPeriod {
  period: "day" | "week";
  first: number;
  last: number;
  companyId?: string;
}

/** The figures a report shows, as numbers (tests compare them with `getSummary`). */
export interface ReportFigures {
  period: "day" | "week";
  /** Inclusive local days. */
  from: string;
  to: string;
  /** The company the report is scoped to; absent for the whole operation. */
  companyId?: string;
  current: AnalyticsSummary;
  previous: AnalyticsSummary;
  /** Quality score of the day, or the mean of the week's scored days; `null` without dispatch data. */
  qualityScore: number | null;
  /** Customers' ratings of the period (count, average 1–5, share of ratings of 2 or less); `count` 0 without any. */
  satisfaction: Pick<Satisfaction, "count" | "average" | "lowShare">;
  insights: Insight[];
  alerts: Alert[];
}

/** Checks a request and resolves the day or ISO week it covers. */
export function reportPeriod(request: ReportRequest, timeZone: string): ReportPeriod {
  if (typeof request !== "object" || request === null) throw invalid("request", "must be an object");
  if (request.period !== "day" && request.period !== "week") throw invalid("period", "must be day or week");
  const day = toDay(request.date, "date", timeZone);
  const first = request.period === "day" ? day : weekStart(day);
  return {
    period: request.period,
    first,
    last: first + (request.period === "day" ? 0 : 6),
    ...scope(request.companyId),
  };
}

/**
 * Gathers the figures of a day or ISO-week report and of the period before it.
 * Insights and alerts are computed by the caller (they need more than the reader).
 */
export async function reportFigures(
  reader: Pick<AnalyticsReader, "timeZone" | "getSummary" | "getDispatch" | "getSatisfaction">,
  p: ReportPeriod,
  found: { insights: Insight[]; alerts: Alert[] },
): Promise<ReportFigures> {
  const tz = reader.timeZone;
  const length = p.last - p.first + 1;
  const company = p.companyId === undefined ? {} : { companyId: p.companyId };
  const range = (a: number, b: number) => ({ from: dayStartUtc(a, tz), to: dayStartUtc(b, tz), ...company });
  const current = await reader.getSummary(range(p.first, p.last + 1));
  const previous = await reader.getSummary(range(p.first - length, p.first));
  const days = { from: dayKey(p.first), to: dayKey(p.last), ...company };
  const dispatch = (await reader.getDispatch(days)).filter((d) => d.total > 0);
  const qualityScore =
    dispatch.length === 0
      ? null
      : Math.round((dispatch.reduce((s, d) => s + scoreDispatch(d).score, 0) / dispatch.length) * 10) / 10;
  const { count, average, lowShare } = await reader.getSatisfaction(range(p.first, p.last + 1));
  return {
    period: p.period,
    from: dayKey(p.first),
    to: dayKey(p.last),
    ...company,
    current,
    previous,
    qualityScore,
    satisfaction: { count, average, lowShare },
    insights: found.insights,
    alerts: found.alerts,
  };
}
