import { round2 } from "../format/round.js";
import type { InstantRange } from "../time/range.js";

/** Steps a funnel may have (each one is a LIKE pattern segment in PostgresStore: keep the query small). */
export const MAX_STEPS = 26;

/** Options of `Analytics.getFunnel`. */
export interface FunnelOptions extends InstantRange {
  /** Ordered steps; default: the flow's steps by distinct users, most first. */
  steps?: readonly string[];
  /** Conversion window from entry. Default 24 hours. */
  window?: number;
}

/** One step of a {@link FunnelReport}. Percentages are 0–100 with 2 decimals. */
export interface FunnelStepReport {
  step: string;
  /** Distinct users who reached this step in order within the window. */
  users: number;
  /** Share of the previous step's users who reached this one (100 for step one). */
  conversionPct: number;
  /** 100 − conversionPct. */
  dropOffPct: number;
  /** Share of step one's users who reached this one. */
  conversionFromStartPct: number;
  /** 100 − conversionFromStartPct. */
  dropOffFromStartPct: number;
}

/** An ordered funnel over a conversion window. */
export interface FunnelReport {
  flow: string;
  windowMs: number;
  steps: FunnelStepReport[];
  /** Users who entered (step one). */
  entered: number;
  /** Users who reached the last step. */
  completed: number;
  /** completed ÷ entered, in percent. */
  completionPct: number;
  /** The step losing the largest share of the previous step's users; `null` with fewer than two steps or no entrants. */
  worstDropOff: { step: string; dropOffPct: number } | null;
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : round2((part / whole) * 100));

/** Turns per-step user counts into conversion and drop-off figures. */
export function buildFunnel(flow: string, steps: readonly string[], counts: readonly number[], windowMs: number) {
  const first = counts[0] ?? 0;
  const rows: FunnelStepReport[] = steps.map((step, i) => {
    const users = counts[i] ?? 0;
    const previous = i === 0 ? users : (counts[i - 1] ?? 0);
    const conversionPct = i === 0 ? (users > 0 ? 100 : 0) : pct(users, previous);
    const conversionFromStartPct = pct(users, first);
    return {
      step,
      users,
      conversionPct,
      dropOffPct: i === 0 || previous === 0 ? 0 : round2(100 - conversionPct),
      conversionFromStartPct,
      dropOffFromStartPct: first === 0 ? 0 : round2(100 - conversionFromStartPct),
    };
  });
  let worst: FunnelReport["worstDropOff"] = null;
  for (const row of rows.slice(1)) {
    if (first > 0 && (worst === null || row.dropOffPct > worst.dropOffPct)) {
      worst = { step: row.step, dropOffPct: row.dropOffPct };
    }
  }
  const completed = steps.length === 0 ? 0 : (counts[steps.length - 1] ?? 0);
  const report: FunnelReport = {
    flow,
    windowMs,
    steps: rows,
    entered: first,
    completed,
    completionPct: pct(completed, first),
    worstDropOff: steps.length < 2 ? null : worst,
  };
  return report;
}
