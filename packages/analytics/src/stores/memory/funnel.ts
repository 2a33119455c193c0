import { dayNumber, isoWeekday } from "../../time/zone.js";
import { type EventChunk, EventKind } from "../../tracking/events.js";
import type { FunnelCounts, FunnelQuery, TimeRange } from "../store.js";
import { byCodePoint, scan } from "./scan.js";

/**
 * Ordered funnel, greedy earliest match: a user enters at their first step-one
 * event in the range; step k counts when some step-k event happens at or after
 * the matched step k−1 and within `windowMs` of entry. PostgresStore runs the
 * same rule in SQL.
 */
export function memoryFunnel(chunks: readonly EventChunk[], q: FunnelQuery): FunnelCounts {
  const index = new Map(q.steps.map((s, i) => [s, i] as const));
  const perUser = new Map<string, number[][]>();
  scan(
    chunks,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    EventKind.FunnelStep,
    (c, i) => {
      if (c.a[i] !== q.flow) return;
      const step = index.get(c.b[i] ?? "");
      const user = c.user[i];
      if (step === undefined || user == null) return;
      let lists = perUser.get(user);
      if (lists === undefined) {
        lists = q.steps.map(() => []);
        perUser.set(user, lists);
      }
      lists[step]?.push(c.at[i] as number);
    },
    q.companyId,
  );
  const groups = new Map<number, number[]>();
  for (const lists of perUser.values()) {
    let entry = Number.POSITIVE_INFINITY;
    for (const t of lists[0] ?? []) if (t >= q.from && t < q.to && t < entry) entry = t;
    if (entry === Number.POSITIVE_INFINITY) continue;
    const key = q.byWeekday ? isoWeekday(dayNumber(entry, q.timeZone)) : 0;
    let counts = groups.get(key);
    if (counts === undefined) {
      counts = q.steps.map(() => 0);
      groups.set(key, counts);
    }
    counts[0] = (counts[0] ?? 0) + 1;
    let prev = entry;
    const deadline = entry + q.windowMs;
    for (let k = 1; k < lists.length; k++) {
      let best = Number.POSITIVE_INFINITY;
      for (const t of lists[k] ?? []) if (t >= prev && t <= deadline && t < best) best = t;
      if (best === Number.POSITIVE_INFINITY) break;
      counts[k] = (counts[k] ?? 0) + 1;
      prev = best;
    }
  }
  return { groups: [...groups].sort((x, y) => x[0] - y[0]).map(([key, counts]) => ({ key, counts })) };
}

/** Steps of a flow by distinct users, most first; ties by first occurrence, then name. */
export function memoryFunnelSteps(chunks: readonly EventChunk[], flow: string, range: TimeRange): string[] {
  const users = new Map<string, { set: Set<string>; first: number }>();
  scan(
    chunks,
    range.from,
    range.to,
    EventKind.FunnelStep,
    (c, i) => {
      if (c.a[i] !== flow) return;
      const step = c.b[i] ?? "";
      const at = c.at[i] as number;
      let entry = users.get(step);
      if (entry === undefined) {
        entry = { set: new Set(), first: at };
        users.set(step, entry);
      }
      entry.set.add(c.user[i] ?? "");
      if (at < entry.first) entry.first = at;
    },
    range.companyId,
  );
  return [...users]
    .sort((x, y) => y[1].set.size - x[1].set.size || x[1].first - y[1].first || byCodePoint(x[0], y[0]))
    .map(([step]) => step);
}

/** Flows seen in a range, by name. */
export function memoryFlows(chunks: readonly EventChunk[], range: TimeRange): string[] {
  const flows = new Set<string>();
  scan(
    chunks,
    range.from,
    range.to,
    EventKind.FunnelStep,
    (c, i) => {
      flows.add(c.a[i] ?? "");
    },
    range.companyId,
  );
  return [...flows].sort(byCodePoint);
}
