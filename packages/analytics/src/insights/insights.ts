import type { AnalyticsReader } from "../reader.js";
import { type Instant, scope, toDay } from "../time/range.js";
import { dayKey, dayStartUtc } from "../time/zone.js";
import { checkPositive } from "../validate.js";
import { errorInsights, trendInsights } from "./trends.js";
import type { Insight, InsightStore } from "./types.js";
import { weekdayDelayInsight, weekdayDropOffInsights } from "./weekday.js";

/** Options of `getInsights`. */
export interface InsightOptions {
  /** Last day analysed (inclusive). Default: yesterday, the last complete day. */
  date?: Instant;
  /** Weeks of history for weekday patterns. Default 4. */
  weeks?: number;
  /** Funnel conversion window for drop-off patterns. Default 24 hours. */
  window?: number;
  /** Top errors to report. Default 3. */
  topErrors?: number;
  /** Only this company's figures (events and dispatch days recorded with this `companyId`). */
  companyId?: string;
}

/** Weekday patterns, then week-over-week trends, then top errors. */
export async function computeInsights(
  analytics: Pick<AnalyticsReader, "now" | "timeZone" | "getDailyStats">,
  store: InsightStore,
  options: InsightOptions,
): Promise<Insight[]> {
  const tz = analytics.timeZone;
  const last = options.date === undefined ? toDay(analytics.now(), "date", tz) - 1 : toDay(options.date, "date", tz);
  const weeks = checkPositive(options.weeks ?? 4, "weeks");
  const first = last - Math.round(weeks * 7) + 1;
  const company = scope(options.companyId);
  const range = { from: dayStartUtc(first, tz), to: dayStartUtc(last + 1, tz), ...company };
  const insights: Insight[] = [];
  const delay = await weekdayDelayInsight(store, dayKey(first), dayKey(last), company.companyId);
  if (delay !== null) insights.push(delay);
  insights.push(...(await weekdayDropOffInsights(store, range, options.window ?? 86_400_000, tz)));
  const days = await analytics.getDailyStats({ from: dayKey(last - 13), to: dayKey(last), ...company });
  insights.push(...trendInsights(days));
  const lastWeek = { from: dayStartUtc(last - 6, tz), to: range.to, ...company };
  const errors = await store.topErrors(options.topErrors ?? 3, lastWeek);
  const totalErrors = days.slice(-7).reduce((s, d) => s + d.errors, 0);
  insights.push(...errorInsights(errors, totalErrors));
  return insights;
}
