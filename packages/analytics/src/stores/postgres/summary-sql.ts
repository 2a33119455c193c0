import { ERROR_OUTSIDE_RATE, EventKind } from "../../tracking/events.js";
import { emptySummaryTotals, type SummaryQuery, type SummaryTotals } from "../store.js";
import type { PgQueryable } from "./pg-types.js";
import { companyIs, companyParam } from "./sql-company.js";
import { msParam, ts } from "./sql-time.js";

/** Summary totals in four indexed queries. */
export async function pgSummary(db: PgQueryable, s: string, q: SummaryQuery): Promise<SummaryTotals> {
  const range = [msParam(q.from), msParam(q.to), companyParam(q)];
  const grouped = await db.query<{ kind: number; a: string | null; n: number; v: number }>(
    `SELECT kind, a, count(*)::float8 AS n, coalesce(sum(value), 0)::float8 AS v FROM ${s}.events
     WHERE kind IN (${EventKind.SessionStart}, ${EventKind.Message}, ${EventKind.Conversion}, ${EventKind.Error})
       AND at >= ${ts(1)} AND at < ${ts(2)} AND ${companyIs(3)} GROUP BY kind, a`,
    range,
  );
  const out = emptySummaryTotals();
  for (const r of grouped.rows) {
    const a = r.a ?? "";
    if (r.kind === EventKind.SessionStart) out.sessionsByRole[a] = r.n;
    else if (r.kind === EventKind.Message) out.messagesByType[a] = r.n;
    else if (r.kind === EventKind.Conversion) out.conversionsByType[a] = { count: r.n, revenueXaf: r.v };
    // An error's value is 0, or ERROR_OUTSIDE_RATE when it is kept out of the rate: v counts those.
    else out.errors += r.n - r.v / ERROR_OUTSIDE_RATE;
  }
  const rt = await db.query<{ c: number; s: number; p50: number | null; p90: number | null; p99: number | null }>(
    `SELECT count(*)::float8 AS c, coalesce(sum(value), 0)::float8 AS s,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY value) AS p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY value) AS p90,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY value) AS p99
     FROM ${s}.events WHERE kind = ${EventKind.ResponseTime} AND at >= ${ts(1)} AND at < ${ts(2)} AND ${companyIs(3)}`,
    range,
  );
  const r = rt.rows[0];
  if (r) out.responseTimes = { count: r.c, sumMs: r.s, p50Ms: r.p50 ?? 0, p90Ms: r.p90 ?? 0, p99Ms: r.p99 ?? 0 };
  const users = await db.query<{ n: number }>(
    `SELECT count(DISTINCT user_id)::float8 AS n FROM ${s}.events WHERE at >= ${ts(1)} AND at < ${ts(2)} AND user_id IS NOT NULL AND ${companyIs(3)}`,
    range,
  );
  out.activeUsers = users.rows[0]?.n ?? 0;
  const active = await db.query<{ role: string; n: number }>(
    `WITH s AS (
       SELECT DISTINCT ON (user_id) user_id, a AS role, at FROM ${s}.events
       WHERE kind = ${EventKind.SessionStart} AND at < ${ts(1)} AND ${companyIs(3)} ORDER BY user_id, at DESC)
     SELECT s.role, count(*)::float8 AS n FROM s
     WHERE NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.kind = ${EventKind.SessionEnd} AND e.user_id = s.user_id AND e.at >= s.at AND e.at < ${ts(1)} AND ${companyIs(3, "e.company_id")})
       AND EXISTS (SELECT 1 FROM ${s}.events e WHERE e.user_id = s.user_id AND e.at >= ${ts(2)} AND e.at < ${ts(1)} AND ${companyIs(3, "e.company_id")})
     GROUP BY s.role`,
    [q.now + 1, q.now - q.sessionTimeoutMs, companyParam(q)],
  );
  for (const a of active.rows) out.activeSessionsByRole[a.role ?? ""] = a.n;
  return out;
}
