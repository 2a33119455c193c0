import { ERROR_OUTSIDE_RATE, EventKind } from "../../tracking/events.js";
import type { ErrorCount, PeriodQuery, PeriodTotals, TimeRange, UserCounts } from "../store.js";
import type { PgQueryable } from "./pg-types.js";
import { companyIs, companyParam } from "./sql-company.js";
import { epochMs, msParam, ts } from "./sql-time.js";

const TOTALS = `count(*) FILTER (WHERE kind = ${EventKind.SessionStart})::float8 AS sessions,
  count(DISTINCT user_id)::float8 AS active_users,
  count(*) FILTER (WHERE kind = ${EventKind.Message})::float8 AS messages,
  count(*) FILTER (WHERE kind = ${EventKind.Conversion})::float8 AS conversions,
  coalesce(sum(value) FILTER (WHERE kind = ${EventKind.Conversion}), 0)::float8 AS revenue_xaf,
  count(*) FILTER (WHERE kind = ${EventKind.Error} AND value <> ${ERROR_OUTSIDE_RATE})::float8 AS errors,
  count(*) FILTER (WHERE kind = ${EventKind.ResponseTime})::float8 AS response_count,
  coalesce(sum(value) FILTER (WHERE kind = ${EventKind.ResponseTime}), 0)::float8 AS response_sum_ms`;

interface TotalsRow {
  period: string;
  sessions: number;
  active_users: number;
  messages: number;
  conversions: number;
  revenue_xaf: number;
  errors: number;
  response_count: number;
  response_sum_ms: number;
}

const toTotals = (r: TotalsRow): PeriodTotals => ({
  period: r.period,
  sessions: r.sessions,
  activeUsers: r.active_users,
  messages: r.messages,
  conversions: r.conversions,
  revenueXaf: r.revenue_xaf,
  errors: r.errors,
  responseCount: r.response_count,
  responseSumMs: r.response_sum_ms,
});

/** Per-period totals; for days, materialised rollups are used where they exist. */
export async function pgPeriodStats(db: PgQueryable, s: string, q: PeriodQuery): Promise<PeriodTotals[]> {
  const local = "(at AT TIME ZONE $3)::date";
  const bucket = q.unit === "day" ? local : `date_trunc('${q.unit}', ${local})::date`;
  let rolled: PeriodTotals[] = [];
  // Rollups hold the totals of every company together: a company's days are always counted from the events.
  if (q.unit === "day" && q.companyId === undefined) {
    const res = await db.query<TotalsRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS period, sessions, active_users, messages, conversions, revenue_xaf, errors, response_count, response_sum_ms
       FROM ${s}.daily_rollups WHERE time_zone = $3 AND day >= (${ts(1)} AT TIME ZONE $3)::date AND day < (${ts(2)} AT TIME ZONE $3)::date`,
      [msParam(q.from), msParam(q.to), q.timeZone],
    );
    rolled = res.rows.map(toTotals);
  }
  const skip = rolled.map((r) => r.period);
  const live = await db.query<TotalsRow>(
    `SELECT to_char(${bucket}, 'YYYY-MM-DD') AS period, ${TOTALS} FROM ${s}.events
     WHERE at >= ${ts(1)} AND at < ${ts(2)} AND NOT (${local} = ANY($4::date[])) AND ${companyIs(5)}
     GROUP BY 1 ORDER BY 1`,
    [msParam(q.from), msParam(q.to), q.timeZone, skip, companyParam(q)],
  );
  return [...rolled, ...live.rows.map(toTotals)].sort((x, y) => (x.period < y.period ? -1 : 1));
}

/** Upserts the totals of these local days (zeros for empty days): idempotent. */
export async function pgRollupDays(
  db: PgQueryable,
  s: string,
  days: readonly string[],
  timeZone: string,
): Promise<void> {
  if (days.length === 0) return;
  await db.query(
    `WITH d AS (SELECT unnest($1::date[]) AS day),
     agg AS (SELECT (at AT TIME ZONE $2)::date AS day, ${TOTALS} FROM ${s}.events
       WHERE at >= (SELECT min(day) FROM d)::timestamp AT TIME ZONE $2
         AND at < ((SELECT max(day) FROM d) + 1)::timestamp AT TIME ZONE $2
       GROUP BY 1)
     INSERT INTO ${s}.daily_rollups AS r (time_zone, day, sessions, active_users, messages, conversions, revenue_xaf, errors, response_count, response_sum_ms)
     SELECT $2, d.day, coalesce(sessions, 0), coalesce(active_users, 0), coalesce(messages, 0), coalesce(conversions, 0),
       coalesce(revenue_xaf, 0), coalesce(errors, 0), coalesce(response_count, 0), coalesce(response_sum_ms, 0)
     FROM d LEFT JOIN agg USING (day)
     ON CONFLICT (time_zone, day) DO UPDATE SET sessions = EXCLUDED.sessions, active_users = EXCLUDED.active_users,
       messages = EXCLUDED.messages, conversions = EXCLUDED.conversions, revenue_xaf = EXCLUDED.revenue_xaf,
       errors = EXCLUDED.errors, response_count = EXCLUDED.response_count, response_sum_ms = EXCLUDED.response_sum_ms,
       computed_at = now()`,
    [days, timeZone],
  );
}

/** Most frequent error fingerprints. */
export async function pgTopErrors(db: PgQueryable, s: string, n: number, range: TimeRange): Promise<ErrorCount[]> {
  const res = await db.query<{ name: string; message: string; count: number; last: number }>(
    `SELECT coalesce(a, 'Error') AS name, coalesce(b, '') AS message, count(*)::float8 AS count, ${epochMs("max(at)")} AS last
     FROM ${s}.events WHERE kind = ${EventKind.Error} AND at >= ${ts(1)} AND at < ${ts(2)} AND ${companyIs(4)}
     GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, coalesce(a, 'Error') COLLATE "C", coalesce(b, '') COLLATE "C" LIMIT $3`,
    [msParam(range.from), msParam(range.to), n, companyParam(range)],
  );
  return res.rows.map((r) => ({ name: r.name, message: r.message, count: r.count, lastSeenAt: r.last }));
}

/** Distinct users with any event in the range. */
export async function pgActiveUsers(db: PgQueryable, s: string, range: TimeRange): Promise<number> {
  const res = await db.query<{ n: number }>(
    `SELECT count(DISTINCT user_id)::float8 AS n FROM ${s}.events WHERE at >= ${ts(1)} AND at < ${ts(2)} AND user_id IS NOT NULL AND ${companyIs(3)}`,
    [msParam(range.from), msParam(range.to), companyParam(range)],
  );
  return res.rows[0]?.n ?? 0;
}

/** Distinct-user counts for conversion, retention and churn, in one statement. */
export async function pgUserCounts(db: PgQueryable, s: string, cur: TimeRange, prev: TimeRange): Promise<UserCounts> {
  const users = (from: number, to: number, kind = "") =>
    `SELECT DISTINCT user_id FROM ${s}.events WHERE at >= ${ts(from)} AND at < ${ts(to)} AND user_id IS NOT NULL AND ${companyIs(5)} ${kind}`;
  const res = await db.query<{
    active: number;
    previous: number;
    retained: number;
    sessions: number;
    converted: number;
  }>(
    `WITH cur AS (${users(1, 2)}), prev AS (${users(3, 4)}),
       ses AS (${users(1, 2, `AND kind = ${EventKind.SessionStart}`)}), conv AS (${users(1, 2, `AND kind = ${EventKind.Conversion}`)})
     SELECT (SELECT count(*) FROM cur)::float8 AS active, (SELECT count(*) FROM prev)::float8 AS previous,
       (SELECT count(*) FROM cur JOIN prev USING (user_id))::float8 AS retained,
       (SELECT count(*) FROM ses)::float8 AS sessions, (SELECT count(*) FROM ses JOIN conv USING (user_id))::float8 AS converted`,
    [msParam(cur.from), msParam(cur.to), msParam(prev.from), msParam(prev.to), companyParam(cur)],
  );
  const r = res.rows[0];
  return {
    active: r?.active ?? 0,
    previousActive: r?.previous ?? 0,
    retained: r?.retained ?? 0,
    sessionUsers: r?.sessions ?? 0,
    convertedUsers: r?.converted ?? 0,
  };
}
