import { checkCompany, invalid } from "../validate.js";
import { DAY_MS, dayKey, dayNumber, dayStartUtc, parseDayKey } from "./zone.js";

/** A point in time: a `Date`, epoch milliseconds, or an ISO 8601 string. */
export type Instant = Date | number | string;

/** An inclusive range of local days: `YYYY-MM-DD` strings or instants (their local day is used). */
export interface DayRange {
  from: Instant;
  to: Instant;
  /** Cancels the read. */
  signal?: AbortSignal;
  /** Only the figures of this company (events tracked with this `companyId`). */
  companyId?: string;
}

/** An optional `[from, to)` range of instants. */
export interface InstantRange {
  from?: Instant;
  to?: Instant;
  /** Cancels the read. */
  signal?: AbortSignal;
  /** Only the figures of this company (events tracked with this `companyId`). */
  companyId?: string;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of an instant; a bare `YYYY-MM-DD` is local midnight in `timeZone`. */
export function toMs(value: Instant, field: string, timeZone: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalid(field, "must be a valid date");
    return ms;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalid(field, "must be a finite epoch-millisecond number");
    return value;
  }
  if (typeof value === "string") {
    if (DAY_RE.test(value)) return dayStartUtc(parseDayKey(value), timeZone);
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw invalid(field, "must be a Date, epoch milliseconds or an ISO 8601 string");
}

/** Local day number of an instant or `YYYY-MM-DD`. */
export function toDay(value: Instant, field: string, timeZone: string): number {
  if (typeof value === "string" && DAY_RE.test(value)) {
    const day = parseDayKey(value);
    if (Number.isNaN(day) || dayKey(day) !== value) throw invalid(field, "must be a real calendar day YYYY-MM-DD");
    return day;
  }
  return dayNumber(toMs(value, field, timeZone), timeZone);
}

/** Inclusive local days → `[start of first, start of day after last)`, checked in order. */
export function resolveDays(
  range: DayRange,
  timeZone: string,
): { fromDay: number; toDay: number; from: number; to: number; signal?: AbortSignal; companyId?: string } {
  if (typeof range !== "object" || range === null) throw invalid("range", "must be an object { from, to }");
  const fromDay = toDay(range.from, "range.from", timeZone);
  const toDayN = toDay(range.to, "range.to", timeZone);
  if (toDayN < fromDay) throw invalid("range.to", "must not be before range.from");
  if (toDayN - fromDay > 3660) throw invalid("range", "must span at most 10 years");
  checkSignal(range.signal);
  return {
    fromDay,
    toDay: toDayN,
    from: dayStartUtc(fromDay, timeZone),
    to: dayStartUtc(toDayN + 1, timeZone),
    ...(range.signal === undefined ? {} : { signal: range.signal }),
    ...scope(range.companyId),
  };
}

/** `[from, to)` with defaults: from the beginning of time to just after `now`. */
export function resolveInstants(
  range: InstantRange | undefined,
  now: number,
  timeZone: string,
): { from: number; to: number; signal?: AbortSignal; companyId?: string } {
  const from = range?.from === undefined ? 0 : toMs(range.from, "range.from", timeZone);
  const to = range?.to === undefined ? now + 1 : toMs(range.to, "range.to", timeZone);
  if (to < from) throw invalid("range.to", "must not be before range.from");
  checkSignal(range?.signal);
  return {
    from,
    to,
    ...(range?.signal === undefined ? {} : { signal: range.signal }),
    ...scope(range?.companyId),
  };
}

/** `{ companyId }` when a company is given (checked), else nothing: spread into a store query. */
export function scope(companyId: unknown): { companyId?: string } {
  const company = checkCompany(companyId, "range.companyId");
  return company === null ? {} : { companyId: company };
}

function checkSignal(signal: unknown): void {
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid("range.signal", "must be an AbortSignal");
}

export { DAY_MS };
