import { EventKind } from "../../tracking/events.js";
import type { FunnelCounts, FunnelQuery, TimeRange } from "../store.js";
import { pathsFrom } from "./funnel-paths-sql.js";
import type { PgQueryable } from "./pg-types.js";
import { companyIs, companyParam } from "./sql-company.js";
import { msParam, ts } from "./sql-time.js";

/**
 * Epoch microseconds of a query instant in ms, as `to_timestamp(ms / 1000)` stores it (±Infinity clamped).
 * Computed here, not in SQL: `to_timestamp` is only stable, so PostgreSQL would re-evaluate it for every path.
 */
const micros = (ms: number): number => Math.round(msParam(ms) * 1000);

/**
 * The greedy ordered funnel of the memory store, read from `funnel_paths` (one
 * row per user of the flow, maintained at ingest: funnel-paths-sql.ts). Per
 * path: `b` = events before the range (`width_bucket` on the sorted times);
 * entry `i` = the first step-one character after them, kept if before the
 * range's end; the path is cut at entry + window; "reached step k" is
 * `LIKE $7…` with the pattern `c1%c2%…ck%` — a subsequence test, which the
 * earliest-match walk satisfies exactly when such a subsequence exists.
 * `OFFSET 0` keeps each stage computed once per row rather than inlined into
 * every `LIKE`.
 *
 * Measured against a single pass over the events (sort 1M rows by user and time,
 * one string per user: ~650 ms CPU), parallel workers (no gain on 2 cores: the
 * ordered per-user aggregate stays serial) and cheaper encodings of that pass
 * (the index scan of 1M rows alone costs ~300 ms), reading one row per user is
 * the one that stays well under 500 ms: ~200 ms CPU for 250k users / 1M events
 * (README, Benchmarks).
 */
export function funnelSql(s: string, steps: number, byWeekday: boolean, company = false): string {
  const key = byWeekday
    ? "extract(isodow FROM (timestamptz 'epoch' + ats[i] * interval '1 microsecond') AT TIME ZONE $6)::int"
    : "0";
  const reached = Array.from({ length: steps }, (_, k) =>
    k === 0 ? "count(*)::float8 AS c0" : `count(*) FILTER (WHERE s LIKE $${6 + k})::float8 AS c${k}`,
  ).join(", ");
  return `SELECT key, ${reached} FROM (
    SELECT ${key} AS key, substr(steps, i, width_bucket(ats[i] + $4, ats) - i + 1) AS s FROM (
      SELECT steps, ats, b + nullif(strpos(substr(steps, b + 1), $5), 0) AS i FROM (
        SELECT steps, ats, width_bucket($2::int8 - 1, ats) AS b FROM ${company ? companyPaths(s, 6 + steps) : `${s}.funnel_paths`} p
        WHERE flow = $1 AND last_us >= $2::int8 AND first_us < $3::int8
      ) x OFFSET 0) y
    WHERE ats[i] < $3::int8 AND $6::text IS NOT NULL OFFSET 0) z
  GROUP BY key ORDER BY key`;
}

/**
 * The paths of one company's users, built from its events at query time with the
 * stored paths' own rule (`pathsFrom`): the stored paths mix every company a user
 * dealt with, and one company's events are few enough to sort (events_company_idx).
 */
function companyPaths(s: string, param: number): string {
  const events = `(SELECT * FROM ${s}.events WHERE kind = ${EventKind.FunnelStep} AND a = $1 AND company_id = $${param})`;
  return `(${pathsFrom(s, events)})`;
}

/** Characters never stored in a path (codes start at 256): stands for a step no event has named yet. */
const UNSEEN = "\u0001";

/** Runs {@link funnelSql} in a transaction with JIT off (compiling this plan costs more than running it); `db` must be one connection. */
export async function pgFunnel(db: PgQueryable, s: string, q: FunnelQuery): Promise<FunnelCounts> {
  await db.query("BEGIN READ ONLY");
  try {
    await db.query("SET LOCAL jit = off");
    const codes = await db.query<{ step: string; code: number }>(
      `SELECT step, code FROM ${s}.funnel_steps WHERE flow = $1 AND step = ANY($2::text[])`,
      [q.flow, [...q.steps]],
    );
    const char = new Map(codes.rows.map((r) => [r.step, String.fromCodePoint(r.code)]));
    const chars = q.steps.map((step) => char.get(step) ?? UNSEEN);
    const patterns = chars.slice(1).map((_, k) => `${chars.slice(0, k + 2).join("%")}%`);
    const windowUs = Math.min(Math.round(q.windowMs * 1000), 1e17);
    const params: unknown[] = [q.flow, micros(q.from), micros(q.to), windowUs, chars[0], q.timeZone, ...patterns];
    if (q.companyId !== undefined) params.push(q.companyId);
    const sql = funnelSql(s, q.steps.length, q.byWeekday, q.companyId !== undefined);
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
    `SELECT b FROM ${s}.events WHERE kind = ${EventKind.FunnelStep} AND a = $1 AND at >= ${ts(2)} AND at < ${ts(3)} AND ${companyIs(4)}
     GROUP BY b ORDER BY count(DISTINCT user_id) DESC, min(at), b COLLATE "C"`,
    [flow, msParam(range.from), msParam(range.to), companyParam(range)],
  );
  return res.rows.map((r) => r.b);
}

/** Flows seen in a range, by name. */
export async function pgFlows(db: PgQueryable, s: string, range: TimeRange): Promise<string[]> {
  const res = await db.query<{ a: string }>(
    `SELECT a FROM ${s}.events WHERE kind = ${EventKind.FunnelStep} AND at >= ${ts(1)} AND at < ${ts(2)} AND ${companyIs(3)} GROUP BY a ORDER BY a COLLATE "C"`,
    [msParam(range.from), msParam(range.to), companyParam(range)],
  );
  return res.rows.map((r) => r.a);
}
