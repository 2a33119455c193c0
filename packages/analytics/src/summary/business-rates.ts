import type { AnalyticsStore } from "../stores/store.js";
import { periodEnd, periodStart } from "../time/period.js";
import { type Instant, scope, toDay } from "../time/range.js";
import { dayKey, dayStartUtc } from "../time/zone.js";
import { invalid } from "../validate.js";

/** Which period {@link BusinessRates} compare. */
export interface RatesRequest {
  /** Default `"week"` (ISO, Monday first). */
  period?: "day" | "week" | "month";
  /** A moment inside the current period. Default: now. */
  date?: Instant;
  /** Only this company's users (events tracked with this `companyId`). */
  companyId?: string;
}

/** Conversion, retention and churn of one period against the one before. */
export interface BusinessRates {
  period: "day" | "week" | "month";
  /** First and last local day of the current period. */
  current: { from: string; to: string };
  previous: { from: string; to: string };
  activeUsers: number;
  previousActiveUsers: number;
  retainedUsers: number;
  /** Users with a session who converted ÷ users with a session (0–1). */
  conversionRate: number;
  /** Users active in both periods ÷ users active in the previous one (0–1). */
  retentionRate: number;
  /** 1 − retentionRate, or 0 when the previous period had no user. */
  churnRate: number;
}

function bounds(day: number, period: "day" | "week" | "month"): [number, number] {
  return [periodStart(day, period), periodEnd(day, period)];
}

/** Computes {@link BusinessRates} from the store's distinct-user counts. */
export async function businessRates(
  store: AnalyticsStore,
  request: RatesRequest,
  now: number,
  timeZone: string,
): Promise<BusinessRates> {
  const period = request.period ?? "week";
  if (!["day", "week", "month"].includes(period)) throw invalid("period", "must be one of day, week, month");
  const [start, end] = bounds(toDay(request.date ?? now, "date", timeZone), period);
  const [prevStart] = bounds(start - 1, period);
  const company = scope(request.companyId);
  const range = (a: number, b: number) => ({
    from: dayStartUtc(a, timeZone),
    to: dayStartUtc(b, timeZone),
    ...company,
  });
  const counts = await store.userCounts(range(start, end), range(prevStart, start));
  const retentionRate = counts.previousActive === 0 ? 0 : counts.retained / counts.previousActive;
  return {
    period,
    current: { from: dayKey(start), to: dayKey(end - 1) },
    previous: { from: dayKey(prevStart), to: dayKey(start - 1) },
    activeUsers: counts.active,
    previousActiveUsers: counts.previousActive,
    retainedUsers: counts.retained,
    conversionRate: counts.sessionUsers === 0 ? 0 : counts.convertedUsers / counts.sessionUsers,
    retentionRate,
    churnRate: counts.previousActive === 0 ? 0 : 1 - retentionRate,
  };
}
