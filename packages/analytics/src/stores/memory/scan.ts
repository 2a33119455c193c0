import type { EventChunk, EventKindCode } from "../../tracking/events.js";
import type { TimeRange } from "../store.js";

/** Calls `fn(chunk, i)` for every event with `from <= at < to`, optionally of one kind and of one company. */
export function scan(
  chunks: readonly EventChunk[],
  from: number,
  to: number,
  kind: EventKindCode | 0,
  fn: (c: EventChunk, i: number) => void,
  company?: string,
): void {
  for (const c of chunks) {
    const n = c.length;
    for (let i = 0; i < n; i++) {
      if (kind !== 0 && c.kind[i] !== kind) continue;
      const at = c.at[i] as number;
      if (at < from || at >= to) continue;
      if (company !== undefined && c.company[i] !== company) continue;
      fn(c, i);
    }
  }
}

/**
 * The latest event of each thing (`key`: a payment, a mission) of one kind in `range`, as `read` builds it.
 * A later event replaces an earlier one; `keepSeen(seen, next)` may keep the one already seen instead
 * (default: when it is later — at the same instant the one scanned last wins).
 */
export function latestBy<T extends { at: number }>(
  chunks: readonly EventChunk[],
  range: TimeRange,
  kind: EventKindCode,
  key: (c: EventChunk, i: number) => string,
  read: (c: EventChunk, i: number) => T,
  keepSeen: (seen: T, next: T) => boolean = (seen, next) => seen.at > next.at,
): Map<string, T> {
  const latest = new Map<string, T>();
  scan(
    chunks,
    range.from,
    range.to,
    kind,
    (c, i) => {
      const k = key(c, i);
      const next = read(c, i);
      const seen = latest.get(k);
      if (seen === undefined || !keepSeen(seen, next)) latest.set(k, next);
    },
    range.companyId,
  );
  return latest;
}

/** Increments `record[key]` by `by`. */
export function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/** Code-point order comparison, as PostgreSQL's `COLLATE "C"`. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
