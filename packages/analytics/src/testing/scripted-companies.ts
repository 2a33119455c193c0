// Scripted activity of three merchants (companies) with disjoint customers, used by
// the unit test (memory store) and the integration test (PostgresStore): every event
// carries a company, so each company's figures must add up to the totals.
import type { AnalyticsReader } from "../reader.js";
import type { TrackOptions } from "../tracking/tracker.js";
import type { SessionRole } from "../validate.js";
import { NOW } from "./scripted-data.js";

const DAY = 86_400_000;

/** The merchants of the script. */
export const COMPANIES = ["boutique-poto-poto", "marche-total", "pharma-bacongo"] as const;

/** The tracking calls the script makes (an `Analytics` has them). */
interface Tracking {
  trackSessionStart(user: string, role: SessionRole, options?: TrackOptions): void;
  trackSessionEnd(user: string, options?: TrackOptions): void;
  trackMessage(user: string, type: string, options?: TrackOptions): void;
  trackFunnelStep(user: string, flow: string, step: string, options?: TrackOptions): void;
  trackConversion(user: string, type: string, value: number, metadata?: undefined, options?: TrackOptions): void;
  trackResponseTime(ms: number, labels?: undefined, options?: TrackOptions): void;
  trackError(error: unknown, context?: { user: string }, options?: TrackOptions): void;
}

/** Plays 7 days (2026-11-15 … 2026-11-21) of three merchants' orders, moving `clock.now`. */
export function playCompanies(a: Tracking, clock: { now: number }): void {
  for (let d = 0; d < 7; d++) {
    const dayStart = NOW - 12 * 3_600_000 - (7 - d) * DAY;
    COMPANIES.forEach((companyId, k) => {
      const scope = { companyId };
      const customers = 2 + k + (d % 2);
      for (let u = 0; u < customers; u++) {
        const user = `24206${k}${String(u).padStart(6, "0")}`;
        clock.now = dayStart + (9 + k) * 3_600_000 + u * 120_000;
        a.trackSessionStart(user, u === 0 ? "entreprise" : "client", scope);
        a.trackMessage(user, "text", scope);
        a.trackMessage(user, u % 2 === 0 ? "button_reply" : "image", scope);
        a.trackFunnelStep(user, "marketplace", "catalogue", scope);
        a.trackResponseTime(300 + 100 * k + 10 * u, undefined, scope);
        clock.now += 20_000;
        if ((u + d) % 3 !== 0) a.trackFunnelStep(user, "marketplace", "panier", scope);
        clock.now += 20_000;
        if ((u + d + k) % 2 === 0) {
          a.trackFunnelStep(user, "marketplace", "paiement", scope);
          a.trackConversion(user, "order_completed", 2500 * (k + 1) + 500 * u, undefined, scope);
        }
        if ((u * 7 + d + k) % 5 === 0) a.trackError(new Error(`stock ${k}`), { user }, scope);
        clock.now += 30_000;
        a.trackSessionEnd(user, scope);
      }
    });
  }
  clock.now = NOW;
}

/** The figures that must add up, of one company or (without `companyId`) of all. */
export async function companyFigures(a: AnalyticsReader, companyId?: string) {
  const scope = companyId === undefined ? {} : { companyId };
  const range = { from: "2026-11-15", to: "2026-11-22", ...scope };
  const s = await a.getSummary(range);
  const funnel = await a.getFunnel("marketplace", { ...range, steps: ["catalogue", "panier", "paiement"] });
  const daily = await a.getDailyStats(range);
  const errors = await a.getTopErrors(10, range);
  return {
    sessions: s.sessions.total,
    messages: s.messages.total,
    byType: s.messages.byType,
    conversions: s.conversions.total,
    revenueXaf: s.revenueXaf,
    errors: s.errors.total,
    activeUsers: s.activeUsers,
    responses: s.responseTime.count,
    funnel: funnel.steps.map((st) => st.users),
    daily: daily.map((r) => [r.period, r.sessions, r.messages, r.revenueXaf, r.errors, r.activeUsers]),
    errorCount: errors.reduce((n, e) => n + e.count, 0),
    flows: await a.getFlows(range),
  };
}

type Figures = Awaited<ReturnType<typeof companyFigures>>;

/** The sum of several companies' figures, in the shape of {@link companyFigures}. */
export function addUp(parts: readonly Figures[]): Omit<Figures, "flows"> {
  const sum = (f: (x: Figures) => number) => parts.reduce((n, x) => n + f(x), 0);
  const byType: Record<string, number> = {};
  for (const p of parts) for (const [t, n] of Object.entries(p.byType)) byType[t] = (byType[t] ?? 0) + n;
  const first = parts[0] as Figures;
  return {
    sessions: sum((x) => x.sessions),
    messages: sum((x) => x.messages),
    byType: Object.fromEntries(Object.entries(byType).sort(([x], [y]) => (x < y ? -1 : 1))),
    conversions: sum((x) => x.conversions),
    revenueXaf: sum((x) => x.revenueXaf),
    errors: sum((x) => x.errors),
    activeUsers: sum((x) => x.activeUsers),
    responses: sum((x) => x.responses),
    funnel: first.funnel.map((_, i) => sum((x) => x.funnel[i] ?? 0)),
    daily: first.daily.map((row, i) => [
      row[0] ?? "",
      ...row.slice(1).map((_, j) => sum((x) => Number(x.daily[i]?.[j + 1] ?? 0))),
    ]),
    errorCount: sum((x) => x.errorCount),
  };
}
