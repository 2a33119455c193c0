import type { PeriodUnit } from "../time/period.js";
import type { EventChunk } from "../tracking/events.js";

export type { PeriodUnit };

/** Half-open time range `[from, to)` in epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
  /** Cancels the query (PostgresStore cancels the running statement). */
  signal?: AbortSignal;
  /** Only the events tracked with this `companyId`; every event when absent. */
  companyId?: string;
}

/** Raw totals behind a summary; ratios are computed by `Analytics`, identically for every store. */
export interface SummaryTotals {
  sessionsByRole: Record<string, number>;
  /** Sessions open at `now`: started, not ended, user seen within the session timeout. */
  activeSessionsByRole: Record<string, number>;
  messagesByType: Record<string, number>;
  conversionsByType: Record<string, { count: number; revenueXaf: number }>;
  responseTimes: { count: number; sumMs: number; p50Ms: number; p90Ms: number; p99Ms: number };
  errors: number;
  activeUsers: number;
}

/** The totals of a range with nothing in it, a fresh object each store then fills. */
export function emptySummaryTotals(): SummaryTotals {
  return {
    sessionsByRole: {},
    activeSessionsByRole: {},
    messagesByType: {},
    conversionsByType: {},
    responseTimes: { count: 0, sumMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0 },
    errors: 0,
    activeUsers: 0,
  };
}

/** Query of {@link AnalyticsStore.summary}. */
export interface SummaryQuery extends TimeRange {
  now: number;
  sessionTimeoutMs: number;
}

/** Query of {@link AnalyticsStore.funnel}. */
export interface FunnelQuery extends TimeRange {
  flow: string;
  steps: readonly string[];
  windowMs: number;
  /** Group entrants by the ISO weekday (1–7) of their first step in `timeZone`; otherwise one group with key 0. */
  byWeekday: boolean;
  timeZone: string;
}

/** Users reaching each step, per group. */
export interface FunnelCounts {
  groups: Array<{ key: number; counts: number[] }>;
}

/** Query of {@link AnalyticsStore.periodStats}: days are local to `timeZone`. */
export interface PeriodQuery extends TimeRange {
  unit: PeriodUnit;
  timeZone: string;
}

/** The counts of one day, ISO week (starting Monday) or month that a store answers and `PeriodStats` shows. */
export interface PeriodCounts {
  /** First local day of the period, `YYYY-MM-DD`. */
  period: string;
  sessions: number;
  /** Distinct users with any event in the period. */
  activeUsers: number;
  messages: number;
  conversions: number;
  revenueXaf: number;
  errors: number;
}

/** Totals of one day, ISO week (starting Monday) or month: the counts and the response-time sums behind the mean. */
export interface PeriodTotals extends PeriodCounts {
  responseCount: number;
  responseSumMs: number;
}

/** An error fingerprint and how often it was seen. */
export interface ErrorCount {
  name: string;
  message: string;
  count: number;
  lastSeenAt: number;
}

/** Distinct-user counts behind conversion, retention and churn. */
export interface UserCounts {
  /** Users with any event in the current range. */
  active: number;
  /** Users with any event in the previous range. */
  previousActive: number;
  /** Users active in both ranges. */
  retained: number;
  /** Users who started a session in the current range. */
  sessionUsers: number;
  /** Of those, users with at least one conversion in the current range. */
  convertedUsers: number;
}

/** The operation figures of one day of deliveries. */
export interface DispatchRecord {
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  /** The company these deliveries are of; absent for the whole operation's figures (a separate record). */
  companyId?: string;
  total: number;
  onTime: number;
  late: number;
  cancelled: number;
  avgDelayMinutes: number;
  /** Any other numeric figure you want kept with the day (e.g. `drivers`, `distanceKm`). */
  extra?: Record<string, number>;
}

/** One driver's ratings over a range, as a store answers `ratingTotals` (null driver: rated without one). */
export interface RatingTotals {
  driverId: string | null;
  driverName?: string;
  count: number;
  /** Sum of the ratings. */
  sum: number;
  /** Ratings of 2 or less. */
  low: number;
}

/** Payments of one method, latest status and failure reason over a range, each payment counted once. */
export interface PaymentTotals {
  method: string;
  status: string;
  /** The failure reason (`null` when none was given or the payment did not fail). */
  reason: string | null;
  count: number;
  /** Sum of the amounts, XAF. */
  amountXaf: number;
}

/** Dispatch figures of one ISO weekday over a range (weighted by rides). */
export interface WeekdayDispatch {
  weekday: number;
  days: number;
  rides: number;
  /** Ride-weighted average delay. */
  avgDelayMinutes: number;
  cancelled: number;
}

/** States of a store: `ok` while it answers, `down` while it cannot be reached (events are buffered). */
export const STORE_STATUSES = ["ok", "down"] as const;

/** One of {@link STORE_STATUSES}. */
export type StoreStatus = (typeof STORE_STATUSES)[number];

/** What `health()` reports: for an app's `/healthz` and `/readyz` and for alerting. Never holds secrets. */
export interface StoreHealth {
  /** `down` from a failed write, read or probe until one succeeds again. */
  status: StoreStatus;
  /** Events handed to the store and not yet written. */
  buffered: number;
  /** Events lost since the store was created: buffer full, or a batch PostgreSQL refused as invalid. */
  dropped: number;
  /** Failed attempts to write buffered events (each one is retried). */
  flushFailures: number;
  /** Epoch milliseconds at which the store went down (only while `down`). */
  downSince?: number;
  /** Why it is down: the last error's name and message, credentials removed (only while `down`). */
  lastError?: string;
}

/**
 * Where events live and how they are aggregated. The in-memory store and
 * `PostgresStore` implement it; `Analytics` works with either.
 */
export interface AnalyticsStore {
  /** Takes a batch of tracked events. May buffer; `flush()` makes them visible to queries. */
  append(chunk: EventChunk): void | Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
  summary(query: SummaryQuery): Promise<SummaryTotals>;
  funnel(query: FunnelQuery): Promise<FunnelCounts>;
  /** Steps seen for a flow, most users first; ties by first occurrence, then name (code-point order). */
  funnelSteps(flow: string, range: TimeRange): Promise<string[]>;
  /** Flows seen in a range, sorted by name. */
  flows(range: TimeRange): Promise<string[]>;
  periodStats(query: PeriodQuery): Promise<PeriodTotals[]>;
  topErrors(n: number, range: TimeRange): Promise<ErrorCount[]>;
  activeUsers(range: TimeRange): Promise<number>;
  userCounts(current: TimeRange, previous: TimeRange): Promise<UserCounts>;
  /** Stores a day's record, replacing the one of the same day and company. */
  putDispatch(record: DispatchRecord): Promise<void>;
  /** Records of days in `[fromDay, toDay]` (inclusive, `YYYY-MM-DD`) of one company (or the whole operation's), sorted by day. */
  getDispatch(fromDay: string, toDay: string, companyId?: string): Promise<DispatchRecord[]>;
  weekdayDispatch(fromDay: string, toDay: string, companyId?: string): Promise<WeekdayDispatch[]>;
  /** Per-driver totals of the ratings in a range, the latest rating of each mission only. */
  ratingTotals(range: TimeRange): Promise<RatingTotals[]>;
  /** Totals per method, status and reason of the payments in a range, the latest event of each payment only. */
  paymentTotals(range: TimeRange): Promise<PaymentTotals[]>;
  /** Materialises the daily totals of these local days (idempotent). */
  rollupDays(days: readonly string[], timeZone: string): Promise<void>;
  /** Reachability and buffer figures, read synchronously (a store without it is taken as always `ok`). */
  health?(): StoreHealth;
}
