import type { AnalyticsStore } from "../stores/store.js";

/** The store queries insights run directly (per-day funnels and weekday dispatch are not on the reader). */
export type InsightStore = Pick<AnalyticsStore, "weekdayDispatch" | "funnel" | "funnelSteps" | "flows" | "topErrors">;

/** A finding with a recommendation, in French. */
export interface Insight {
  kind: "weekday_delay" | "weekday_dropoff" | "trend" | "top_error";
  severity: "info" | "warning" | "critical";
  /** Short French title. */
  title: string;
  /** French sentence with the figures. */
  detail: string;
  /** What to do, in French. */
  recommendation: string;
  /** The figure concerned, e.g. `"avgDelayMinutes"`, `"revenueXaf"`. */
  metric: string;
  /** Observed value (weekday's figure, this week's total, error count). */
  value: number;
  /** What it is compared with (other weekdays, last week, all errors). */
  reference: number;
  /** ISO weekday (1 = Monday) for weekday patterns. */
  weekday?: number;
  /** Flow of a drop-off pattern. */
  flow?: string;
  /** Week-over-week change in percent, for trends. */
  changePct?: number;
}
