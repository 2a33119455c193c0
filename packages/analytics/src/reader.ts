import type { FunnelOptions, FunnelReport } from "./funnels/funnel-report.js";
import type { Satisfaction } from "./satisfaction/satisfaction.js";
import type { DispatchRecord, ErrorCount } from "./stores/store.js";
import type { PeriodStats } from "./summary/period-stats.js";
import type { AnalyticsSummary } from "./summary/summary.js";
import type { DayRange, InstantRange } from "./time/range.js";

/**
 * What the feature helpers (alerts, exports, insights, reports) read: a narrow,
 * read-only view that `Analytics` implements. Helpers take this port — or a `Pick`
 * of it — never the `Analytics` facade nor its store, so the facade can import
 * them without an import circle, and a helper can be tested against a stub.
 */
export interface AnalyticsReader {
  /** The IANA zone days are cut in. */
  readonly timeZone: string;
  /** Current time, epoch milliseconds. */
  now(): number;
  getSummary(range?: InstantRange): Promise<AnalyticsSummary>;
  getDailyStats(range: DayRange): Promise<PeriodStats[]>;
  getDispatch(range: DayRange): Promise<DispatchRecord[]>;
  qualityScore(day: string): Promise<number | null>;
  /** Customers' ratings over a range (the daily report's satisfaction line). */
  getSatisfaction(range?: InstantRange): Promise<Satisfaction>;
  getFunnel(flow: string, options?: FunnelOptions): Promise<FunnelReport>;
  /** Flows with funnel steps in the range, by name. */
  getFlows(range?: InstantRange): Promise<string[]>;
  getTopErrors(n?: number, range?: InstantRange): Promise<ErrorCount[]>;
  getActiveUsers(windowMs: number): Promise<number>;
}
