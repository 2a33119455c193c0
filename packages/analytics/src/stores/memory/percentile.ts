/**
 * Nearest-rank percentile of an ascending array: the same rule as PostgreSQL's
 * `percentile_disc`, so both stores report identical figures.
 */
export function percentileDisc(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let rank = Math.ceil(p * n);
  if (rank < 1) rank = 1;
  return sorted[Math.min(rank, n) - 1] ?? 0;
}
