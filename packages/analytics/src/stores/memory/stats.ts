import { periodStart } from "../../time/period.js";
import { dayKey, dayNumber, isoWeekday, parseDayKey } from "../../time/zone.js";
import { ERROR_OUTSIDE_RATE, type EventChunk, EventKind, type EventKindCode } from "../../tracking/events.js";
import type {
  DispatchRecord,
  ErrorCount,
  PeriodQuery,
  PeriodTotals,
  TimeRange,
  UserCounts,
  WeekdayDispatch,
} from "../store.js";
import { byCodePoint, scan } from "./scan.js";

/** Per-period totals by scanning the chunks. */
export function memoryPeriodStats(chunks: readonly EventChunk[], q: PeriodQuery): PeriodTotals[] {
  const rows = new Map<number, PeriodTotals & { users: Set<string> }>();
  scan(
    chunks,
    q.from,
    q.to,
    0,
    (c, i) => {
      const start = periodStart(dayNumber(c.at[i] as number, q.timeZone), q.unit);
      let row = rows.get(start);
      if (row === undefined) {
        row = {
          period: dayKey(start),
          sessions: 0,
          activeUsers: 0,
          messages: 0,
          conversions: 0,
          revenueXaf: 0,
          errors: 0,
          responseCount: 0,
          responseSumMs: 0,
          users: new Set(),
        };
        rows.set(start, row);
      }
      const user = c.user[i];
      if (user != null) row.users.add(user);
      switch (c.kind[i]) {
        case EventKind.SessionStart:
          row.sessions += 1;
          break;
        case EventKind.Message:
          row.messages += 1;
          break;
        case EventKind.Conversion:
          row.conversions += 1;
          row.revenueXaf += c.value[i] as number;
          break;
        case EventKind.ResponseTime:
          row.responseCount += 1;
          row.responseSumMs += c.value[i] as number;
          break;
        case EventKind.Error:
          if (c.value[i] !== ERROR_OUTSIDE_RATE) row.errors += 1;
          break;
      }
    },
    q.companyId,
  );
  return [...rows.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([, { users, ...row }]) => ({ ...row, activeUsers: users.size }));
}

/** Most frequent error fingerprints (name + message), most first, then most recent, then by name. */
export function memoryTopErrors(chunks: readonly EventChunk[], n: number, range: TimeRange): ErrorCount[] {
  const counts = new Map<string, ErrorCount>();
  scan(
    chunks,
    range.from,
    range.to,
    EventKind.Error,
    (c, i) => {
      const name = c.a[i] ?? "Error";
      const message = c.b[i] ?? "";
      const key = `${name}\u0000${message}`;
      const at = c.at[i] as number;
      const entry = counts.get(key);
      if (entry === undefined) counts.set(key, { name, message, count: 1, lastSeenAt: at });
      else {
        entry.count += 1;
        if (at > entry.lastSeenAt) entry.lastSeenAt = at;
      }
    },
    range.companyId,
  );
  return [...counts.values()]
    .sort(
      (x, y) =>
        y.count - x.count ||
        y.lastSeenAt - x.lastSeenAt ||
        byCodePoint(x.name, y.name) ||
        byCodePoint(x.message, y.message),
    )
    .slice(0, n);
}

function usersIn(chunks: readonly EventChunk[], range: TimeRange, kind: EventKindCode | 0 = 0) {
  const users = new Set<string>();
  scan(
    chunks,
    range.from,
    range.to,
    kind,
    (c, i) => {
      const user = c.user[i];
      if (user != null) users.add(user);
    },
    range.companyId,
  );
  return users;
}

/** Distinct users with any event in the range. */
export function memoryActiveUsers(chunks: readonly EventChunk[], range: TimeRange): number {
  return usersIn(chunks, range).size;
}

/** Distinct-user counts for conversion, retention and churn. */
export function memoryUserCounts(chunks: readonly EventChunk[], current: TimeRange, previous: TimeRange): UserCounts {
  const now = usersIn(chunks, current);
  const before = usersIn(chunks, previous);
  const sessions = usersIn(chunks, current, EventKind.SessionStart);
  const converted = usersIn(chunks, current, EventKind.Conversion);
  let retained = 0;
  for (const u of now) if (before.has(u)) retained += 1;
  let convertedUsers = 0;
  for (const u of sessions) if (converted.has(u)) convertedUsers += 1;
  return { active: now.size, previousActive: before.size, retained, sessionUsers: sessions.size, convertedUsers };
}

/** Ride-weighted dispatch figures per ISO weekday. */
export function weekdayDispatchOf(records: readonly DispatchRecord[]): WeekdayDispatch[] {
  const byDay = new Map<number, WeekdayDispatch & { delaySum: number }>();
  for (const r of records) {
    const weekday = isoWeekday(parseDayKey(r.day));
    const w = byDay.get(weekday) ?? { weekday, days: 0, rides: 0, avgDelayMinutes: 0, cancelled: 0, delaySum: 0 };
    w.days += 1;
    w.rides += r.total;
    w.cancelled += r.cancelled;
    w.delaySum += r.avgDelayMinutes * r.total;
    byDay.set(weekday, w);
  }
  return [...byDay.values()]
    .sort((x, y) => x.weekday - y.weekday)
    .map(({ delaySum, ...w }) => ({ ...w, avgDelayMinutes: w.rides === 0 ? 0 : delaySum / w.rides }));
}
