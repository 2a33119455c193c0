import type { AnalyticsSummary } from "@toktok/analytics";

/**
 * Conversion types counted as a courier mission / a marketplace order on the KPI cards: what the
 * built-in flows of @toktok/flows report (`courier`, `order`), and the names DESIGN.md uses.
 */
export const MISSION_CONVERSIONS: readonly string[] = ["courier", "mission_created"];
/** See {@link MISSION_CONVERSIONS}. */
export const ORDER_CONVERSIONS: readonly string[] = ["order", "order_created"];

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
}

/** KPI card figures of a summary. */
export function kpisOf(summary: AnalyticsSummary): DashboardKpis {
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
  };
}
