import { EventKind } from "../../tracking/events.js";
import type { FunnelCounts, FunnelQuery, TimeRange } from "../store.js";
import type { PgQueryable } from "./pg-types.js";
import { msParam, ts } from "./sql-time.js";

/** Letter standing for step `i` in the per-user step string (at most 26 steps). */
const letter = (i: number): string => String.fromCharCode(97 + i);

/**
 * The greedy ordered funnel of the memory store in one pass over the flow's
 * events. Rows come from the partial index `(a, user_id, at) INCLUDE (b)` in
 * user/time order (ties by step order); each user's steps become a string
 * (`a` = step one, `b` = step two…) with the matching array of times. Entry is
 * the first `a` whose time is in the range; the string is cut at the end of the
 * conversion window (`width_bucket` on the sorted times); and "reached step k" is
 * `LIKE 'a%b%…k%'` — a subsequence test, which the earliest-match walk satisfies
 * exactly when such a subsequence exists.
 */
export function funnelSql(s: string, steps: number, byWeekday: boolean): string {
  const toLetter = Array.from({ length: steps }, (_, i) => `WHEN ($6::text[])[${i + 1}] THEN '${letter(i)}'`).join(" ");
  const key = byWeekday ? "extract(isodow FROM ts[p0] AT TIME ZONE $5)::int" : "0";
  const reached = Array.from({ length: steps }, (_, k) => {
    if (k === 0) return "count(*)::float8 AS c0";
    const pattern = Array.from({ length: k + 1 }, (_, j) => letter(j)).join("%");
    return `count(*) FILTER (WHERE s LIKE '${pattern}%')::float8 AS c${k}`;
  }).join(", ");
  return `SELECT key, ${reached} FROM (
    SELECT ${key} AS key, substr(s, p0, width_bucket(ts[p0] + ${WINDOW}, ts) - p0 + 1) AS s FROM (
      SELECT s, ts, nullif(strpos(s, 'a'), 0) AS p0 FROM (
        SELECT user_id, string_agg(l, '') AS s, array_agg(at) AS ts FROM (
          SELECT user_id, at, CASE b ${toLetter} END AS l FROM ${s}.events
          WHERE kind = ${EventKind.FunnelStep} AND a = $1 AND b = ANY($6::text[]) AND user_id IS NOT NULL
            AND at >= ${ts(2)} AND at < ${ts(3)} + ${WINDOW}
          ORDER BY user_id, at, l) x
        GROUP BY user_id) g
      OFFSET 0) g0
    WHERE ts[p0] < ${ts(3)} OFFSET 0) z
  WHERE $5::text IS NOT NULL GROUP BY key ORDER BY key`;
}

const WINDOW = "($4::float8 * interval '1 millisecond')";

/** Runs {@link funnelSql} in a transaction with JIT off (compiling this plan costs more than running it); `db` must be one connection. */
export async function pgFunnel(db: PgQueryable, s: string, q: FunnelQuery): Promise<FunnelCounts> {
  const sql = funnelSql(s, q.steps.length, q.byWeekday);
  const params = [q.flow, msParam(q.from), msParam(q.to), q.windowMs, q.timeZone, [...q.steps]];
  await db.query("BEGIN READ ONLY");
  try {
    await db.query("SET LOCAL jit = off");
    await db.query("SET LOCAL work_mem = '64MB'");
    const res = await db.query<Record<string, number>>(sql, params);
    await db.query("COMMIT");
    return { groups: res.rows.map((r) => ({ key: Number(r.key), counts: q.steps.map((_, k) => r[`c${k}`] ?? 0) })) };
  } catch (error) {
    await db.query("ROLLBACK").catch(() => {});
    throw error;
  }
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
