// Calendar arithmetic in an IANA time zone without a date library. Days are
// handled as "day numbers" (days since 1970-01-01 in local time) so that
// week and month buckets are plain integer maths, the same in JS and SQL.

/** The zone days are cut in when none is given: the first market is Congo-Brazzaville. */
export const DEFAULT_TIME_ZONE = "Africa/Brazzaville";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (cached per UTC hour). */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = formatter(timeZone).formatToParts(new Date(hour * HOUR_MS));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const offset = asUtc - hour * HOUR_MS;
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Local day number (days since 1970-01-01 in `timeZone`) of instant `ms`. */
export function dayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffsetMs(timeZone, ms)) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` string. */
export function parseDayKey(key: string): number {
  return Math.floor(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday starting the ISO week of `day`. */
export function weekStart(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** Day number of the first day of the month of `day`. */
export function monthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

/** Day number of the first day of the month after the month of `day`. */
export function nextMonthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}

/** UTC instant at which local wall time `minutes` after midnight of `day` occurs in `timeZone`. */
export function zonedToUtc(day: number, minutes: number, timeZone: string): number {
  const wall = day * DAY_MS + minutes * 60_000;
  // Two passes settle the offset even across a DST change.
  let guess = wall - zoneOffsetMs(timeZone, wall);
  guess = wall - zoneOffsetMs(timeZone, guess);
  return guess;
}

/** UTC instant of local midnight starting `day`. */
export function dayStartUtc(day: number, timeZone: string): number {
  return zonedToUtc(day, 0, timeZone);
}

export { DAY_MS };
