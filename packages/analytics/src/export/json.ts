import { scoreDispatch } from "../dispatch/quality-score.js";
import type { FunnelReport } from "../funnels/funnel-report.js";
import type { AnalyticsReader } from "../reader.js";
import type { DispatchRecord, ErrorCount } from "../stores/store.js";
import type { PeriodStats } from "../summary/period-stats.js";
import type { AnalyticsSummary } from "../summary/summary.js";
import { type DayRange, resolveDays } from "../time/range.js";
import { dayKey, dayNumber } from "../time/zone.js";

/** Version of the {@link AnalyticsExport} shape; bumped on any breaking change. */
export const EXPORT_VERSION = 1;

/** The stable shape of `exportJSON()`. */
export interface AnalyticsExport {
  version: typeof EXPORT_VERSION;
  generatedAt: string;
  timeZone: string;
  /** Inclusive local days covered. */
  range: { from: string; to: string };
  /** The company the figures are scoped to; absent for the whole operation. */
  companyId?: string;
  summary: AnalyticsSummary;
  daily: PeriodStats[];
  funnels: FunnelReport[];
  topErrors: Array<Omit<ErrorCount, "lastSeenAt"> & { lastSeenAt: string }>;
  dispatch: Array<DispatchRecord & { qualityScore: number | null }>;
}

/** Default export range: the 30 local days ending today. */
export function defaultRange(a: Pick<AnalyticsReader, "now" | "timeZone">): DayRange {
  const today = dayNumber(a.now(), a.timeZone);
  return { from: dayKey(today - 29), to: dayKey(today) };
}

/** Builds the versioned JSON snapshot. */
export async function exportJSON(a: AnalyticsReader, range: DayRange = defaultRange(a)): Promise<AnalyticsExport> {
  // The resolved days are also the instant range (from, to, signal, companyId) of the other reads.
  const instants = resolveDays(range, a.timeZone);
  const { fromDay, toDay, companyId } = instants;
  const summary = await a.getSummary(instants);
  const daily = await a.getDailyStats(range);
  const funnels: FunnelReport[] = [];
  for (const flow of await a.getFlows(instants)) funnels.push(await a.getFunnel(flow, instants));
  const errors = await a.getTopErrors(10, instants);
  const dispatch = await a.getDispatch(range);
  return {
    version: EXPORT_VERSION,
    generatedAt: new Date(a.now()).toISOString(),
    timeZone: a.timeZone,
    range: { from: dayKey(fromDay), to: dayKey(toDay) },
    ...(companyId === undefined ? {} : { companyId }),
    summary,
    daily,
    funnels,
    topErrors: errors.map((e) => ({ ...e, lastSeenAt: new Date(e.lastSeenAt).toISOString() })),
    dispatch: dispatch.map((d) => ({ ...d, qualityScore: d.total === 0 ? null : scoreDispatch(d).score })),
  };
}
