import { EventKind } from "../../tracking/events.js";
import type { PaymentTotals, TimeRange } from "../store.js";
import type { PgQueryable } from "./pg-types.js";
import { companyIs, companyParam } from "./sql-company.js";
import { msParam, ts } from "./sql-time.js";

/**
 * Totals per method, status and reason in a range, each payment (`b`) counted once with its latest event
 * (at the same instant, a settled status outranks the request).
 */
export async function pgPaymentTotals(db: PgQueryable, s: string, range: TimeRange): Promise<PaymentTotals[]> {
  const rows = await db.query<{ method: string; status: string; reason: string | null; n: number; v: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (b) coalesce(a, '') AS method, coalesce(meta->>'status', 'requested') AS status,
         CASE WHEN meta->>'status' = 'failed' THEN meta->>'reason' END AS reason, value
       FROM ${s}.events
       WHERE kind = ${EventKind.Payment} AND at >= ${ts(1)} AND at < ${ts(2)} AND ${companyIs(3)}
       ORDER BY b, at DESC, (coalesce(meta->>'status', 'requested') <> 'requested') DESC)
     SELECT method, status, reason, count(*)::float8 AS n, coalesce(sum(value), 0)::float8 AS v
     FROM latest GROUP BY method, status, reason`,
    [msParam(range.from), msParam(range.to), companyParam(range)],
  );
  return rows.rows.map((r) => ({ method: r.method, status: r.status, reason: r.reason, count: r.n, amountXaf: r.v }));
}
