import { LOW_RATING } from "../../satisfaction/satisfaction.js";
import { EventKind } from "../../tracking/events.js";
import type { RatingTotals, TimeRange } from "../store.js";
import type { PgQueryable } from "./pg-types.js";
import { companyIs, companyParam } from "./sql-company.js";
import { msParam, ts } from "./sql-time.js";

/** Per-driver rating totals in a range, each mission (`b`) counted once with its latest rating. */
export async function pgRatingTotals(db: PgQueryable, s: string, range: TimeRange): Promise<RatingTotals[]> {
  const rows = await db.query<{ a: string | null; name: string | null; n: number; v: number; low: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (b) a, meta->>'driverName' AS name, value FROM ${s}.events
       WHERE kind = ${EventKind.Rating} AND at >= ${ts(1)} AND at < ${ts(2)} AND ${companyIs(3)}
       ORDER BY b, at DESC)
     SELECT a, max(name) AS name, count(*)::float8 AS n, sum(value)::float8 AS v,
       count(*) FILTER (WHERE value <= ${LOW_RATING})::float8 AS low
     FROM latest GROUP BY a`,
    [msParam(range.from), msParam(range.to), companyParam(range)],
  );
  return rows.rows.map((r) => ({
    driverId: r.a,
    ...(r.name ? { driverName: r.name } : {}),
    count: r.n,
    sum: r.v,
    low: r.low,
  }));
}
