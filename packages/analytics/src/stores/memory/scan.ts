import type { EventChunk, EventKindCode } from "../../tracking/events.js";

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

/** Increments `record[key]` by `by`. */
export function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/** Code-point order comparison, as PostgreSQL's `COLLATE "C"`. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
