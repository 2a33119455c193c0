/** Counters of a {@link TtlCache}, from `cache.stats()`. */
export interface TtlCacheStats {
  /** Reads (`get` / `wrap`) that found a value. */
  hits: number;
  /** Reads that found nothing (absent or expired). */
  misses: number;
  /** `hits / (hits + misses)`, 0 when nothing was read. */
  hitRate: number;
  /** Entries held now (expired ones not yet purged included). */
  size: number;
  /** Sum of entry sizes when `maxSize` is set, else 0. */
  calculatedSize: number;
  /** Writes through `set` or a completed `wrap`. */
  sets: number;
  /** Entries removed because their TTL ran out. */
  expired: number;
  /** Entries pushed out by `max` / `maxSize`. */
  evicted: number;
  /** `wrap` loads running now. */
  inflight: number;
  /** `wrap` misses that joined a load already running instead of calling `fn` again. */
  coalesced: number;
  /** `wrap` hits served stale while a background refresh ran. */
  staleHits: number;
  /** Background refreshes that failed (the stale value was kept). */
  refreshErrors: number;
}

/** Renders stats as a two-column text table for logs and terminals. */
export function renderStatsTable(stats: TtlCacheStats): string {
  const rows: Array<[string, string]> = [
    ["hits", String(stats.hits)],
    ["misses", String(stats.misses)],
    ["hit rate", `${(stats.hitRate * 100).toFixed(1)}%`],
    ["size", String(stats.size)],
    ["calculated size", String(stats.calculatedSize)],
    ["sets", String(stats.sets)],
    ["expired", String(stats.expired)],
    ["evicted", String(stats.evicted)],
    ["in flight", String(stats.inflight)],
    ["coalesced", String(stats.coalesced)],
    ["stale hits", String(stats.staleHits)],
    ["refresh errors", String(stats.refreshErrors)],
  ];
  const left = Math.max(...rows.map(([k]) => k.length));
  const right = Math.max(...rows.map(([, v]) => v.length));
  const rule = `+${"-".repeat(left + 2)}+${"-".repeat(right + 2)}+`;
  const body = rows.map(([k, v]) => `| ${k.padEnd(left)} | ${v.padStart(right)} |`);
  return [rule, ...body, rule].join("\n");
}
