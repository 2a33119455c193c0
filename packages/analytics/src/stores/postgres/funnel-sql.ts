import { EventKind } from "../../tracking/events.js";
import type { FunnelCounts, FunnelQuery, TimeRange } from "../store.js";
import type { PgQueryable } from "./pg-types.js";
import { msParam, ts } from "./sql-time.js";

/**
 * The greedy ordered funnel of the memory store, in one SQL statement: step k
 * is the earliest step-k event at or after step k−1 and within the window from
 * entry. Each step joins through the partial index `(a, b, user_id, at) WHERE kind = 5`.
 */
export async function pgFunnel(db: PgQueryable, s: string, q: FunnelQuery): Promise<FunnelCounts> {
  // $1 flow, $2 from, $3 to, $4 window ms, $5 time zone, $6.. steps
  const params: unknown[] = [q.flow, msParam(q.from), msParam(q.to), q.windowMs, q.timeZone, ...q.steps];
  const window = "($4::float8 * interval '1 millisecond')";
  const ctes = [
    `s0 AS (SELECT user_id, min(at) AS t0, min(at) AS t FROM ${s}.events
      WHERE kind = ${EventKind.FunnelStep} AND a = $1 AND b = $6 AND at >= ${ts(2)} AND at < ${ts(3)} AND user_id IS NOT NULL
      GROUP BY user_id)`,
  ];
  for (let k = 1; k < q.steps.length; k++) {
    ctes.push(`s${k} AS (SELECT p.user_id, p.t0, min(e.at) AS t FROM s${k - 1} p JOIN ${s}.events e
      ON e.kind = ${EventKind.FunnelStep} AND e.a = $1 AND e.b = $${6 + k} AND e.user_id = p.user_id
     AND e.at >= p.t AND e.at <= p.t0 + ${window}
      GROUP BY p.user_id, p.t0)`);
  }
  const key = q.byWeekday ? "extract(isodow FROM s0.t0 AT TIME ZONE $5)::int" : "0";
  const counts = q.steps.map((_, k) => `count(s${k}.user_id)::float8 AS c${k}`).join(", ");
  const joins = q.steps
    .slice(1)
    .map((_, i) => `LEFT JOIN s${i + 1} USING (user_id)`)
    .join(" ");
  const sql = `WITH ${ctes.join(",\n")} SELECT ${key} AS key, ${counts} FROM s0 ${joins} WHERE $5::text IS NOT NULL GROUP BY 1 ORDER BY 1`;
  const res = await db.query<Record<string, number>>(sql, params);
  return {
    groups: res.rows.map((r) => ({ key: Number(r.key), counts: q.steps.map((_, k) => r[`c${k}`] ?? 0) })),
  };
}

/** Steps of a flow by distinct users, most first; ties by first occurrence, then name. */
export async function pgFunnelSteps(db: PgQueryable, s: string, flow: string, range: TimeRange): Promise<string[]> {
  const res = await db.query<{ b: string }>(
    `SELECT b FROM ${s}.events WHERE kind = ${EventKind.FunnelStep} AND a = $1 AND at >= ${ts(2)} AND at < ${ts(3)}
     GROUP BY b ORDER BY count(DISTINCT user_id) DESC, min(at), b COLLATE "C"`,
    [flow, msParam(range.from), msParam(range.to)],
  );
  return res.rows.map((r) => r.b);
}

/** Flows seen in a range, by name. */
export async function pgFlows(db: PgQueryable, s: string, range: TimeRange): Promise<string[]> {
  const res = await db.query<{ a: string }>(
    `SELECT a FROM ${s}.events WHERE kind = ${EventKind.FunnelStep} AND at >= ${ts(1)} AND at < ${ts(2)} GROUP BY a ORDER BY a COLLATE "C"`,
    [msParam(range.from), msParam(range.to)],
  );
  return res.rows.map((r) => r.a);
}
