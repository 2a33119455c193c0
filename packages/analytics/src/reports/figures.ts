import type { Alert } from "../alerts/rules.js";
import type { Analytics } from "../analytics.js";
import { scoreDispatch } from "../dispatch/quality-score.js";
import type { Insight } from "../insights/types.js";
import type { AnalyticsSummary } from "../summary/summary.js";
import { type Instant, toDay } from "../time/range.js";
import { dayKey, dayStartUtc, weekStart } from "../time/zone.js";
import { invalid } from "../tracking/validate.js";

/** What `renderReport` covers. */
export interface ReportRequest {
  period: "day" | "week";
  /** A moment (or `YYYY-MM-DD`) inside the day or ISO week reported. */
  date: Instant;
}

/** The figures a report shows, as numbers (tests compare them with `getSummary`). */
export interface ReportFigures {
  period: "day" | "week";
  /** Inclusive local days. */
  from: string;
  to: string;
  current: AnalyticsSummary;
  previous: AnalyticsSummary;
  /** Quality score of the day, or the mean of the week's scored days; `null` without dispatch data. */
  qualityScore: number | null;
  insights: Insight[];
  alerts: Alert[];
}

/** Gathers the figures of a day or ISO-week report and of the period before it. */
export async function reportFigures(a: Analytics, request: ReportRequest): Promise<ReportFigures> {
  if (typeof request !== "object" || request === null) throw invalid("request", "must be an object");
  if (request.period !== "day" && request.period !== "week") throw invalid("period", "must be day or week");
  const tz = a.timeZone;
  const day = toDay(request.date, "date", tz);
  const first = request.period === "day" ? day : weekStart(day);
  const length = request.period === "day" ? 1 : 7;
  const last = first + length - 1;
  const range = (a0: number, b: number) => ({ from: dayStartUtc(a0, tz), to: dayStartUtc(b, tz) });
  const current = await a.getSummary(range(first, last + 1));
  const previous = await a.getSummary(range(first - length, first));
  const dispatch = (await a.getDispatch({ from: dayKey(first), to: dayKey(last) })).filter((d) => d.total > 0);
  const qualityScore =
    dispatch.length === 0
      ? null
      : Math.round((dispatch.reduce((s, d) => s + scoreDispatch(d).score, 0) / dispatch.length) * 10) / 10;
  const insights = (await a.getInsights({ date: dayKey(last) })).slice(0, 5);
  const alerts = await a.evaluateAlerts();
  return {
    period: request.period,
    from: dayKey(first),
    to: dayKey(last),
    current,
    previous,
    qualityScore,
    insights,
    alerts,
  };
}
