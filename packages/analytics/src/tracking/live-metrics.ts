import type { EventChunk } from "./events.js";

/** Upper bounds (seconds) of the response-time histogram. */
export const RESPONSE_BUCKETS_SECONDS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A monotonically increasing number, with what the last scrape exported of it. */
export interface Cell {
  n: number;
  /** Value already added to the Prometheus counter. */
  exported: number;
  /** Label object of the series, built on its first scrape. */
  labels: Record<string, string> | undefined;
}

/** A fresh cell (one object shape for every cell keeps the scrape loop monomorphic). */
export function newCell(n: number): Cell {
  return { n, exported: 0, labels: undefined };
}

/** Pre-aggregated response times of one operation (non-cumulative bucket counts). */
export interface HistogramCell {
  buckets: Float64Array;
  sumSeconds: number;
  count: number;
}

/** Label value used once a metric has `maxSeries` distinct values: bounds cardinality. */
export const OTHER = "_other";

/**
 * This process's pre-aggregated counters: the tracking hot path touches only
 * these plain maps; Prometheus reads them at scrape time.
 */
export class LiveMetrics {
  readonly maxSeries: number;
  readonly sessionsStarted = new Map<string, Cell>();
  readonly sessionsEnded = new Map<string, Cell>();
  readonly open = new Map<string, { role: string; lastSeen: number }>();
  readonly messages = new Map<string, Cell>();
  readonly conversions = new Map<string, Cell>();
  readonly revenue = new Map<string, Cell>();
  /** Keyed by `flow \u0000 step`. */
  readonly funnel = new Map<string, Cell & { flow: string; step: string }>();
  readonly errors = new Map<string, Cell>();
  readonly responses = new Map<string, HistogramCell>();

  constructor(maxSeries: number) {
    this.maxSeries = maxSeries;
  }

  /** Adds `by` to the cell of `key`, folding new keys into {@link OTHER} past `maxSeries`. */
  inc(map: Map<string, Cell>, key: string, by = 1): void {
    const cell = map.get(key);
    if (cell !== undefined) cell.n += by;
    else this.#add(map, key, by);
  }

  #add(map: Map<string, Cell>, key: string, by: number): void {
    const k = map.size >= this.maxSeries ? OTHER : key;
    const cell = map.get(k);
    if (cell !== undefined) cell.n += by;
    else map.set(k, newCell(by));
  }

  incFunnel(flow: string, step: string): void {
    const key = `${flow}\u0000${step}`;
    const cell = this.funnel.get(key);
    if (cell !== undefined) cell.n += 1;
    else if (this.funnel.size < this.maxSeries) this.funnel.set(key, { ...newCell(1), flow, step });
    else {
      const other = this.funnel.get(OTHER);
      if (other !== undefined) other.n += 1;
      else this.funnel.set(OTHER, { ...newCell(1), flow: OTHER, step: OTHER });
    }
  }

  observe(operation: string, seconds: number): void {
    let cell = this.responses.get(operation);
    if (cell === undefined) {
      const key = this.responses.size >= this.maxSeries ? OTHER : operation;
      cell = this.responses.get(key);
      if (cell === undefined) {
        cell = { buckets: new Float64Array(RESPONSE_BUCKETS_SECONDS.length), sumSeconds: 0, count: 0 };
        this.responses.set(key, cell);
      }
    }
    cell.count += 1;
    cell.sumSeconds += seconds;
    for (let i = 0; i < RESPONSE_BUCKETS_SECONDS.length; i++) {
      if (seconds <= (RESPONSE_BUCKETS_SECONDS[i] as number)) {
        cell.buckets[i] = (cell.buckets[i] as number) + 1;
        break;
      }
    }
  }

  /** Refreshes the last-seen time of open sessions from a drained chunk (off the hot path). */
  touchAll(chunk: EventChunk): void {
    if (this.open.size === 0) return;
    for (let i = 0; i < chunk.length; i++) {
      const user = chunk.user[i];
      if (user == null) continue;
      const s = this.open.get(user);
      if (s !== undefined && s.lastSeen < (chunk.at[i] as number)) s.lastSeen = chunk.at[i] as number;
    }
  }

  /** Open sessions per role whose user was seen within `timeoutMs` of `now`. */
  activeByRole(now: number, timeoutMs: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [user, s] of this.open) {
      if (s.lastSeen < now - timeoutMs) {
        this.open.delete(user);
        continue;
      }
      out.set(s.role, (out.get(s.role) ?? 0) + 1);
    }
    return out;
  }
}
