import { z } from "zod";

import { PERIODS, type Period } from "./periods.ts";

export { PERIODS, type Period };

const DAY_MS = 86_400_000;
const PERIOD_MS: Record<Exclude<Period, "all">, number> = {
  "24h": DAY_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
  "90d": 90 * DAY_MS,
  "1y": 365 * DAY_MS,
};
/** Longest span `/daily` and `/quality` accept, so one request cannot ask for decades of rows. */
export const MAX_DAYS = 366;

/** Half-open range `[from, to)` of a period ending at `now`; `all` starts at the epoch. */
export function periodRange(period: Period, now: number): { from: number; to: number } {
  // `to` is exclusive: +1 so an event tracked at exactly `now` is counted.
  return { from: period === "all" ? 0 : now - PERIOD_MS[period], to: now + 1 };
}

const period = z.enum(PERIODS, { error: `must be one of ${PERIODS.join(", ")}` });
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date YYYY-MM-DD" })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      error: "must be a real calendar date",
    },
  );

/** The rules of an inclusive `from`–`to` range of local days: in order, at most {@link MAX_DAYS} days. */
const dayRangeRules = <S extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(schema: S) =>
  schema
    .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      error: "must not be after to",
      path: ["from"],
    })
    .refine((q) => q.from === undefined || q.to === undefined || daysBetween(q.from, q.to) < MAX_DAYS, {
      error: `the range must span at most ${MAX_DAYS} days`,
      path: ["from"],
    });

/** `?period=` of summary, funnels, exports. */
export const periodQuery = z.strictObject({ period: period.default("24h") });

/** `?period=&table=` of `/export.csv`: which table of `exportCSV`. */
export const csvQuery = dayRangeRules(
  z.strictObject({
    period: period.default("30d"),
    from: isoDay.optional(),
    to: isoDay.optional(),
    table: z
      .enum(["daily", "errors", "dispatch", "funnels"], { error: "must be one of daily, errors, dispatch, funnels" })
      .default("daily"),
  }),
);

/** `?from=&to=` of `/daily` and `/quality`, inclusive local days; both default to the last 30 days. */
export const dayRangeQuery = dayRangeRules(z.strictObject({ from: isoDay.optional(), to: isoDay.optional() }));

/** `?period=&steps=a,b,c` of `/funnels/{flow}`. */
export const funnelQuery = z.strictObject({
  period: period.default("30d"),
  steps: z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()))
    .pipe(
      z
        .array(z.string().min(1, { error: "must not contain an empty step" }).max(64))
        .min(2, { error: "must list at least 2 comma-separated steps" })
        .max(20),
    )
    .optional(),
});

/** A flow name in the path: what flows name themselves (`courier`, `marketplace-order`, `auth.sign_in`). */
export const flowName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: "must be 1–64 letters, digits or _ . : -" });

/**
 * `?period=&from=&to=` of `/export.json`, `/export.pdf` and `/export.xlsx` (and the CSV's): the period ending today, or the inclusive
 * local days `from`–`to` when given (at most {@link MAX_DAYS}).
 */
export const exportFileQuery = dayRangeRules(
  z.strictObject({ period: period.default("30d"), from: isoDay.optional(), to: isoDay.optional() }),
);

/** `?period=day|week` of `POST /reports/send`. */
export const reportSendQuery = z.strictObject({
  period: z.enum(["day", "week"], { error: "must be day or week" }).default("day"),
});

/** A company id, in `?company=` or a path: what the backend names merchants (`m-1`, `chez-mama`). */
export const companyId = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: "must be 1–64 letters, digits or _ . : -" });

/** An alert record id in a path. */
export const alertId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, { error: "must be an alert id" });

/** `?period=day|week&date=` of `/report`. */
export const reportQuery = z.strictObject({
  period: z.enum(["day", "week"], { error: "must be day or week" }).default("day"),
  date: isoDay.optional(),
});

/** `/insights` and `/alerts` take no parameter: any given is an error rather than silently ignored. */
export const noQuery = z.strictObject({});

/** Inclusive days from `from` to `to` minus one (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Adds `n` days to a `YYYY-MM-DD` day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** First failing field and rule of a zod error, for a 400 body. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: "query", message: "invalid query" };
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "query";
    return { field: key, message: `${key}: unknown parameter` };
  }
  const field = issue.path.length > 0 ? issue.path.join(".") : "query";
  return { field, message: `${field}: ${issue.message}` };
}

/** Query string → plain object; a repeated parameter is an error (ambiguous), reported by name. */
export function queryObject(
  params: URLSearchParams,
): { ok: true; value: Record<string, string> } | { ok: false; field: string } {
  // No prototype: a `__proto__` parameter must be a plain (rejected) key, not a prototype write.
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of params) {
    if (Object.hasOwn(out, key)) return { ok: false, field: key };
    out[key] = value;
  }
  return { ok: true, value: out };
}
