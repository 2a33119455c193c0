import { ERROR_OUTSIDE_RATE, type EventChunk, EventKind } from "../../tracking/events.js";
import { emptySummaryTotals, type SummaryQuery, type SummaryTotals } from "../store.js";
import { percentileDisc } from "./percentile.js";
import { bump, scan } from "./scan.js";

/** Summary totals computed by scanning the in-memory event chunks. */
export function memorySummary(chunks: readonly EventChunk[], q: SummaryQuery): SummaryTotals {
  const out = emptySummaryTotals();
  const users = new Set<string>();
  const times: number[] = [];
  scan(
    chunks,
    q.from,
    q.to,
    0,
    (c, i) => {
      const user = c.user[i];
      if (user != null) users.add(user);
      const a = c.a[i] ?? "";
      switch (c.kind[i]) {
        case EventKind.SessionStart:
          bump(out.sessionsByRole, a);
          break;
        case EventKind.Message:
          bump(out.messagesByType, a);
          break;
        case EventKind.Conversion: {
          const entry = out.conversionsByType[a] ?? { count: 0, revenueXaf: 0 };
          entry.count += 1;
          entry.revenueXaf += c.value[i] as number;
          out.conversionsByType[a] = entry;
          break;
        }
        case EventKind.ResponseTime:
          times.push(c.value[i] as number);
          break;
        case EventKind.Error:
          if (c.value[i] !== ERROR_OUTSIDE_RATE) out.errors += 1;
          break;
      }
    },
    q.companyId,
  );
  out.activeUsers = users.size;
  times.sort((x, y) => x - y);
  out.responseTimes = {
    count: times.length,
    sumMs: times.reduce((s, x) => s + x, 0),
    p50Ms: percentileDisc(times, 0.5),
    p90Ms: percentileDisc(times, 0.9),
    p99Ms: percentileDisc(times, 0.99),
  };
  out.activeSessionsByRole = activeSessions(chunks, q.now, q.sessionTimeoutMs, q.companyId);
  return out;
}

/** Sessions open at `now`: latest start not followed by an end, user seen within the timeout. */
function activeSessions(
  chunks: readonly EventChunk[],
  now: number,
  timeoutMs: number,
  company: string | undefined,
): Record<string, number> {
  const starts = new Map<string, { at: number; role: string }>();
  const ends = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  scan(
    chunks,
    Number.NEGATIVE_INFINITY,
    now + 1,
    0,
    (c, i) => {
      const user = c.user[i];
      if (user == null) return;
      const at = c.at[i] as number;
      if ((lastSeen.get(user) ?? Number.NEGATIVE_INFINITY) < at) lastSeen.set(user, at);
      const kind = c.kind[i];
      if (kind === EventKind.SessionStart) {
        const prev = starts.get(user);
        if (prev === undefined || prev.at < at) starts.set(user, { at, role: c.a[i] ?? "" });
      } else if (kind === EventKind.SessionEnd) {
        if ((ends.get(user) ?? Number.NEGATIVE_INFINITY) < at) ends.set(user, at);
      }
    },
    company,
  );
  const out: Record<string, number> = {};
  for (const [user, start] of starts) {
    const end = ends.get(user);
    if (end !== undefined && end >= start.at) continue;
    if ((lastSeen.get(user) ?? 0) < now - timeoutMs) continue;
    bump(out, start.role);
  }
  return out;
}
