import { round2 } from "../format/round.js";
import type { SummaryTotals } from "../stores/store.js";
import { SESSION_ROLES, type SessionRole } from "../validate.js";

/** Sessions, messages, conversions, revenue, response times and errors over a range. */
export interface AnalyticsSummary {
  /** ISO 8601 bounds of the summarised range `[from, to)`. */
  range: { from: string; to: string };
  sessions: {
    /** Sessions started in the range. */
    total: number;
    /** Sessions open now (started, not ended, user seen within the session timeout). */
    active: number;
    byRole: Record<SessionRole, number>;
    activeByRole: Record<SessionRole, number>;
  };
  messages: { total: number; byType: Record<string, number> };
  conversions: { total: number; byType: Record<string, { count: number; revenueXaf: number }> };
  /** Sum of conversion values, in XAF (integer FCFA). */
  revenueXaf: number;
  responseTime: { count: number; avgMs: number; p50Ms: number; p90Ms: number; p99Ms: number };
  /** `rate` = errors ÷ messages (0 without messages). */
  errors: { total: number; rate: number };
  /** Distinct users with any event in the range. */
  activeUsers: number;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((s, x) => s + x, 0);

function byRole(r: Record<string, number>): Record<SessionRole, number> {
  const out = { client: 0, livreur: 0, entreprise: 0 };
  for (const role of SESSION_ROLES) out[role] = r[role] ?? 0;
  return out;
}

function sorted<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Derives ratios from store totals — identical for every store. */
export function buildSummary(t: SummaryTotals, from: number, to: number): AnalyticsSummary {
  const messages = sum(t.messagesByType);
  const conversions = Object.values(t.conversionsByType);
  return {
    range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    sessions: {
      total: sum(t.sessionsByRole),
      active: sum(t.activeSessionsByRole),
      byRole: byRole(t.sessionsByRole),
      activeByRole: byRole(t.activeSessionsByRole),
    },
    messages: { total: messages, byType: sorted(t.messagesByType) },
    conversions: { total: conversions.reduce((s, c) => s + c.count, 0), byType: sorted(t.conversionsByType) },
    revenueXaf: conversions.reduce((s, c) => s + c.revenueXaf, 0),
    responseTime: {
      count: t.responseTimes.count,
      avgMs: t.responseTimes.count === 0 ? 0 : round2(t.responseTimes.sumMs / t.responseTimes.count),
      p50Ms: t.responseTimes.p50Ms,
      p90Ms: t.responseTimes.p90Ms,
      p99Ms: t.responseTimes.p99Ms,
    },
    errors: { total: t.errors, rate: messages === 0 ? 0 : t.errors / messages },
    activeUsers: t.activeUsers,
  };
}
