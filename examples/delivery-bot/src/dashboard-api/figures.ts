import type { Analytics } from "@toktok/analytics";
import { type KpiExtras, kpisOf } from "./kpis.ts";
import { addDays, MAX_DAYS, type Period, periodRange } from "./params.ts";
import { scoped } from "./route.ts";
import { localDay } from "./time.ts";

/** Inclusive local days covering a period, for the day-based exports; `all` = the last {@link MAX_DAYS} days. */
export function periodDays(analytics: Analytics, period: Period, now: number): { from: string; to: string } {
  const to = localDay(now, analytics.timeZone);
  if (period === "all") return { from: addDays(to, -(MAX_DAYS - 1)), to };
  return { from: localDay(periodRange(period, now).from, analytics.timeZone), to };
}

/** `from`/`to` of `/daily` and `/quality`: missing bounds default to the 30 days ending today. */
export function dayRange(analytics: Analytics, q: { from?: string | undefined; to?: string | undefined }, now: number) {
  const to = q.to ?? (q.from === undefined ? localDay(now, analytics.timeZone) : addDays(q.from, 29));
  const from = q.from ?? addDays(to, -29);
  return { from, to };
}

/**
 * The body of `/summary` (and of `/dashboard/{companyId}`): KPI cards and the full summary of a period.
 * With `liveSince` (a demo), `kpis` and `summary` stop there — the seeded history — and `live` holds the
 * figures of the live session since then.
 */
export async function summaryOf(
  analytics: Analytics,
  period: Period,
  now: number,
  companyId: string | undefined,
  liveSince?: number,
) {
  const scope = scoped(companyId);
  const range = periodRange(period, now);
  const history =
    liveSince === undefined ? range : { from: range.from, to: Math.max(range.from, Math.min(range.to, liveSince)) };
  const summary = await analytics.getSummary({ ...history, ...scope });
  const satisfaction = await analytics.getSatisfaction({ ...history, ...scope });
  const dispatch = await analytics.getDispatch({ ...periodDays(analytics, period, now), ...scope });
  const allTime = await analytics.getSummary({ from: 0, to: now + 1, ...scope });
  // `today` (in the analytics' zone) lets the page ask /daily for the right days whatever its own clock.
  const today = localDay(now, analytics.timeZone);
  return {
    period,
    today,
    timeZone: analytics.timeZone,
    ...scope,
    kpis: kpisOf(summary, { dispatch, allTime, satisfaction }),
    summary,
    ...(liveSince === undefined ? {} : { live: await liveOf(analytics, liveSince, now, scope, allTime) }),
  };
}

/** The live session's KPI cards: everything recorded since `since`. */
async function liveOf(
  analytics: Analytics,
  since: number,
  now: number,
  scope: { companyId?: string },
  allTime: KpiExtras["allTime"],
) {
  const range = { from: since, to: Math.max(since, now) + 1, ...scope };
  const summary = await analytics.getSummary(range);
  const satisfaction = await analytics.getSatisfaction(range);
  return { since: new Date(since).toISOString(), kpis: kpisOf(summary, { dispatch: [], allTime, satisfaction }) };
}

/** The inclusive local days of an export: `from`–`to` when given (a missing bound from the period), else the period. */
export function exportDays(
  analytics: Analytics,
  q: { period: Period; from?: string | undefined; to?: string | undefined },
  now: number,
) {
  const days = periodDays(analytics, q.period, now);
  return {
    from: q.from ?? days.from,
    to: q.to ?? (q.from === undefined ? days.to : localDay(now, analytics.timeZone)),
  };
}
