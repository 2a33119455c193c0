import type { AnalyticsSummary, Satisfaction } from "@toktok/analytics";

/**
 * Conversion types counted as a courier mission / a marketplace order on the KPI cards: what the
 * built-in flows of @toktok/flows report (`courier`, `order`), and the names the TSDoc of @toktok/analytics'
 * `trackConversion` gives (`mission_created`, `order_created`).
 */
export const MISSION_CONVERSIONS: readonly string[] = ["courier", "mission_created"];
/** See {@link MISSION_CONVERSIONS}. */
export const ORDER_CONVERSIONS: readonly string[] = ["order", "order_created"];
/** The conversion the auth flow reports when someone signs up: a registered user. */
export const SIGNUP_CONVERSION = "signup";

/** The five figures of the page's KPI cards, computed once here so the page and the API agree. */
export interface DashboardKpis {
  /** Sessions started in the period. */
  sessions: number;
  /** Sessions open right now. */
  activeSessions: number;
  /** Distinct users with any event in the period. */
  activeUsers: number;
  missions: number;
  orders: number;
  /** Sum of conversion values in the period, integer XAF. */
  revenueXaf: number;
  /** errors ÷ messages, 0–1. */
  errorRate: number;
  messages: number;
  /**
   * Share of the period's dispatched missions that were not cancelled (0–1), from the recorded dispatch
   * days; `null` when none was recorded.
   */
  missionSuccessRate: number | null;
  /** Users who ever signed up (`signup` conversions since the start). */
  registeredUsers: number;
  /** Customers' ratings of their deliveries in the period (one per mission, its latest). */
  ratings: number;
  /** Average rating of the period, 1–5, one decimal; `null` without a rating. */
  satisfaction: number | null;
  /** Share of the period's ratings of 2 or less (0–1); `null` without a rating. */
  lowRatingShare: number | null;
}

/** What the KPI cards read beside the period's summary. */
export interface KpiExtras {
  /** The dispatch days of the period. */
  dispatch: readonly { total: number; cancelled: number }[];
  /** The summary since the start (for the users ever registered). */
  allTime: AnalyticsSummary;
  /** The period's ratings (`getSatisfaction` over the same range as the summary). */
  satisfaction: Pick<Satisfaction, "count" | "average" | "lowShare">;
}

/** Delivered ÷ dispatched over some days; `null` without a dispatched mission. */
export function missionSuccessRate(days: KpiExtras["dispatch"]): number | null {
  const total = days.reduce((n, d) => n + d.total, 0);
  if (total === 0) return null;
  return (total - days.reduce((n, d) => n + d.cancelled, 0)) / total;
}

/** KPI card figures of a summary. */
export function kpisOf(summary: AnalyticsSummary, extras: KpiExtras): DashboardKpis {
  const count = (types: readonly string[]) =>
    types.reduce((n, type) => n + (summary.conversions.byType[type]?.count ?? 0), 0);
  return {
    sessions: summary.sessions.total,
    activeSessions: summary.sessions.active,
    activeUsers: summary.activeUsers,
    missions: count(MISSION_CONVERSIONS),
    orders: count(ORDER_CONVERSIONS),
    revenueXaf: summary.revenueXaf,
    errorRate: summary.errors.rate,
    messages: summary.messages.total,
    missionSuccessRate: missionSuccessRate(extras.dispatch),
    registeredUsers: extras.allTime.conversions.byType[SIGNUP_CONVERSION]?.count ?? 0,
    // No rating is no figure, not an average of 0.
    ratings: extras.satisfaction.count,
    satisfaction: extras.satisfaction.count === 0 ? null : extras.satisfaction.average,
    lowRatingShare: extras.satisfaction.count === 0 ? null : extras.satisfaction.lowShare,
  };
}
