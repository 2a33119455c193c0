import type { DispatchRecord, WeekdayDispatch } from "../store.js";
import type { PgQueryable } from "./pg-types.js";

/** Inserts or replaces a day of dispatch figures. */
export async function pgPutDispatch(db: PgQueryable, s: string, r: DispatchRecord): Promise<void> {
  await db.query(
    `INSERT INTO ${s}.dispatch_days (day, total, on_time, late, cancelled, avg_delay_minutes, extra, company_id)
     VALUES ($1::date, $2, $3, $4, $5, $6, $7::jsonb, $8)
     ON CONFLICT (company_id, day) DO UPDATE SET total = EXCLUDED.total, on_time = EXCLUDED.on_time, late = EXCLUDED.late,
       cancelled = EXCLUDED.cancelled, avg_delay_minutes = EXCLUDED.avg_delay_minutes, extra = EXCLUDED.extra, updated_at = now()`,
    [
      r.day,
      r.total,
      r.onTime,
      r.late,
      r.cancelled,
      r.avgDelayMinutes,
      r.extra === undefined ? null : JSON.stringify(r.extra),
      r.companyId ?? "",
    ],
  );
}

/** Dispatch days in an inclusive range. */
export async function pgGetDispatch(
  db: PgQueryable,
  s: string,
  fromDay: string,
  toDay: string,
  companyId: string | undefined,
): Promise<DispatchRecord[]> {
  const res = await db.query<{
    day: string;
    total: number;
    on_time: number;
    late: number;
    cancelled: number;
    avg: number;
    extra: Record<string, number> | null;
  }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, total, on_time, late, cancelled, avg_delay_minutes AS avg, extra
     FROM ${s}.dispatch_days WHERE day BETWEEN $1::date AND $2::date AND company_id = $3 ORDER BY day`,
    [fromDay, toDay, companyId ?? ""],
  );
  return res.rows.map((r) => ({
    day: r.day,
    ...(companyId === undefined ? {} : { companyId }),
    total: r.total,
    onTime: r.on_time,
    late: r.late,
    cancelled: r.cancelled,
    avgDelayMinutes: r.avg,
    ...(r.extra === null ? {} : { extra: r.extra }),
  }));
}

/** Ride-weighted dispatch figures per ISO weekday, aggregated in SQL. */
export async function pgWeekdayDispatch(
  db: PgQueryable,
  s: string,
  fromDay: string,
  toDay: string,
  companyId: string | undefined,
): Promise<WeekdayDispatch[]> {
  const res = await db.query<WeekdayDispatch>(
    `SELECT extract(isodow FROM day)::int AS weekday, count(*)::int AS days, sum(total)::float8 AS rides,
       CASE WHEN sum(total) = 0 THEN 0 ELSE (sum(avg_delay_minutes * total) / sum(total))::float8 END AS "avgDelayMinutes",
       sum(cancelled)::float8 AS cancelled
     FROM ${s}.dispatch_days WHERE day BETWEEN $1::date AND $2::date AND company_id = $3 GROUP BY 1 ORDER BY 1`,
    [fromDay, toDay, companyId ?? ""],
  );
  return res.rows;
}
