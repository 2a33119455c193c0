/**
 * @toktok/analytics — public entry. Every export of the package is listed here.
 * @packageDocumentation
 */

import { formatXaf as formatXafFrench } from "./format/french.js";

/**
 * `23 700 000 FCFA`.
 * @deprecated Use `formatXaf` of `@toktok/whatsapp-client`, the one XAF formatter of the TokTok packages (the same
 * French text, and `"en"` for `23,700,000 XAF`). Analytics depends on no other package, so its reports keep their
 * own copy; this export goes in 1.0.
 */
export const formatXaf: (value: number) => string = formatXafFrench;

export { ALERT_SEVERITIES, type AlertSeverity } from "./alerts/kind.js";
export {
  ALERT_KINDS,
  type AlertKind,
  type AlertRule,
  type AnomalyRule,
  type ThresholdRule,
  type TrendChangeRule,
} from "./alerts/kinds/index.js";
export type { SummaryMetric } from "./alerts/kinds/threshold.js";
export type { AlertMonitor, AlertNotification, MonitorOptions } from "./alerts/monitor.js";
export type { Alert } from "./alerts/rules.js";
export {
  ALERT_STATES,
  type AlertQuery,
  type AlertRecord,
  type AlertState,
  type AlertStateSource,
  type AlertStateStore,
  MemoryAlertStore,
} from "./alerts/state.js";
export { Analytics } from "./analytics.js";
export type { AnalyticsOptions } from "./analytics-options.js";
export { type DispatchInput, type QualityBreakdown, scoreDispatch } from "./dispatch/quality-score.js";
export {
  AnalyticsAbortError,
  AnalyticsAbortedError,
  AnalyticsClosedError,
  AnalyticsError,
  type AnalyticsErrorCode,
  AnalyticsStoreError,
  AnalyticsStoreUnavailableError,
  AnalyticsValidationError,
} from "./errors.js";
export type { CsvOptions } from "./export/csv.js";
export { csvCell, toCsv } from "./export/csv-format.js";
export type { DashboardTextOptions } from "./export/dashboard.js";
export { type AnalyticsExport, EXPORT_VERSION } from "./export/json.js";
export { groupDigits } from "./format/french.js";
export type { FunnelOptions, FunnelReport, FunnelStepReport } from "./funnels/funnel-report.js";
export type { InsightOptions } from "./insights/insights.js";
export type { Insight } from "./insights/types.js";
export type { Logger } from "./logger.js";
export type { MethodPayments, PaymentInput, PaymentMethod, PaymentStatus, Payments } from "./payments/payments.js";
export type { AnalyticsReader } from "./reader.js";
export type { ReportFigures, ReportRequest } from "./reports/figures.js";
export type { RenderedReport } from "./reports/render.js";
export type { JobName, ReportSchedule, ScheduledReport, ScheduleOptions, Timers } from "./reports/schedule.js";
export type { RatingInput, Satisfaction } from "./satisfaction/satisfaction.js";
export { MemoryStore, type MemoryStoreOptions } from "./stores/memory/memory-store.js";
export type { RetryOptions } from "./stores/postgres/connection-state.js";
export type { PgPoolClientLike, PgPoolLike, PgQueryable, PgResult } from "./stores/postgres/pg-types.js";
export type { PostgresStoreOptions } from "./stores/postgres/postgres-options.js";
export { PostgresStore } from "./stores/postgres/postgres-store.js";
export {
  type AnalyticsStore,
  type DispatchRecord,
  type ErrorCount,
  type FunnelCounts,
  type FunnelQuery,
  type PaymentTotals,
  type PeriodCounts,
  type PeriodQuery,
  type PeriodTotals,
  type PeriodUnit,
  type RatingTotals,
  STORE_STATUSES,
  type StoreHealth,
  type StoreStatus,
  type SummaryQuery,
  type SummaryTotals,
  type TimeRange,
  type UserCounts,
  type WeekdayDispatch,
} from "./stores/store.js";
export type { BusinessRates, RatesRequest } from "./summary/business-rates.js";
export type { PeriodMetric, PeriodStats } from "./summary/period-stats.js";
export type { AnalyticsSummary } from "./summary/summary.js";
export type { DayRange, Instant, InstantRange } from "./time/range.js";
export { type EventChunk, EventKind, type EventKindCode, type EventMeta } from "./tracking/events.js";
export type { ResponseTimeLabels, TrackErrorOptions, TrackOptions } from "./tracking/tracker.js";
export { SESSION_ROLES, type SessionRole } from "./validate.js";
