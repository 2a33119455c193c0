import { EventKind } from "../../tracking/events.js";
import type { FunnelCounts, FunnelQuery, TimeRange } from "../store.js";
import type { PgPoolLike, PgQueryable } from "./pg-types.js";
import { msParam, ts } from "./sql-time.js";

/**
 * The greedy ordered funnel of the memory store in one pass over the flow's
 * events: rows come from the partial index `(a, user_id, at) INCLUDE (b)` in
 * user/time order, each user's steps become a string (`A` = step one, `B` = step
 * two…) plus the matching array of times, and step k is the first letter k after
 * the position matched for step k−1, if its time is within the window from entry.
 * Each level is fenced with `OFFSET 0` so PostgreSQL computes a position once
 * instead of inlining the chain (which grows exponentially).
 */
export function funnelSql(s: string, steps: number, byWeekday: boolean): string {
  const inner = `SELECT user_id, string_agg(chr(65 + idx), '') AS s, array_agg(at) AS ts
    FROM (SELECT user_id, at, array_position($6::text[], b) - 1 AS idx FROM ${s}.events
          WHERE kind = ${EventKind.FunnelStep} AND a = $1 AND b = ANY($6::text[]) AND user_id IS NOT NULL
            AND at >= ${ts(2)} AND at < ${ts(3)} + ${WINDOW}
          ORDER BY user_id, at, idx) x
    GROUP BY user_id`;
  const key = byWeekday ? "extract(isodow FROM ts[p0] AT TIME ZONE $5)::int" : "0";
  let q = `SELECT s, ts, p0, ${key} AS key, ts[p0] + ${WINDOW} AS dl
    FROM (SELECT s, ts, nullif(strpos(s, 'A'), 0) AS p0 FROM (${inner}) g OFFSET 0) g0
    WHERE ts[p0] < ${ts(3)}`;
  for (let k = 1; k < steps; k++) {
    const prev = `p${k - 1}`;
    const pos = `strpos(substr(s, ${prev} + 1), '${String.fromCharCode(65 + k)}')`;
    const cols = Array.from({ length: k }, (_, j) => `p${j}`).join(", ");
    q = `SELECT s, ts, key, dl, ${cols}, CASE WHEN ${pos} > 0 AND ts[${prev} + ${pos}] <= dl THEN ${prev} + ${pos} END AS p${k}
      FROM (${q} OFFSET 0) g${k}`;
  }
  const counts = Array.from({ length: steps }, (_, k) => `count(p${k})::float8 AS c${k}`).join(", ");
  return `SELECT key, ${counts} FROM (${q}) z WHERE $5::text IS NOT NULL GROUP BY key ORDER BY key`;
}

const WINDOW = "($4::float8 * interval '1 millisecond')";

/** Runs {@link funnelSql} in a transaction with JIT off: compiling this plan costs more than running it. */
export async function pgFunnel(pool: PgPoolLike, s: string, q: FunnelQuery): Promise<FunnelCounts> {
  const sql = funnelSql(s, q.steps.length, q.byWeekday);
  const params = [q.flow, msParam(q.from), msParam(q.to), q.windowMs, q.timeZone, [...q.steps]];
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL jit = off");
    await client.query("SET LOCAL work_mem = '64MB'");
    const res = await client.query<Record<string, number>>(sql, params);
    await client.query("COMMIT");
    return { groups: res.rows.map((r) => ({ key: Number(r.key), counts: q.steps.map((_, k) => r[`c${k}`] ?? 0) })) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
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
