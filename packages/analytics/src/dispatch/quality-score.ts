import type { DispatchRecord } from "../stores/store.js";
import { checkCompany, checkCount, checkDay, checkNonNegative, invalid } from "../validate.js";

/** Input of `recordDispatch`: one day of deliveries, the record the store keeps (one owner: {@link DispatchRecord}). */
export type DispatchInput = DispatchRecord;

/** Checks a dispatch day: counts are integers, `onTime + late + cancelled <= total`. */
export function validateDispatch(input: DispatchInput): DispatchRecord {
  if (typeof input !== "object" || input === null) throw invalid("dispatch", "must be an object");
  const day = checkDay(input.day, "dispatch.day");
  const total = checkCount(input.total, "dispatch.total");
  const onTime = checkCount(input.onTime, "dispatch.onTime");
  const late = checkCount(input.late, "dispatch.late");
  const cancelled = checkCount(input.cancelled, "dispatch.cancelled");
  const avgDelayMinutes = checkNonNegative(input.avgDelayMinutes, "dispatch.avgDelayMinutes");
  if (onTime + late + cancelled > total) {
    throw invalid("dispatch.total", "must be at least onTime + late + cancelled");
  }
  const companyId = checkCompany(input.companyId, "dispatch.companyId");
  const record: DispatchRecord = {
    day,
    ...(companyId === null ? {} : { companyId }),
    total,
    onTime,
    late,
    cancelled,
    avgDelayMinutes,
  };
  if (input.extra !== undefined) {
    if (typeof input.extra !== "object" || input.extra === null) throw invalid("dispatch.extra", "must be an object");
    const extra: Record<string, number> = {};
    for (const [k, v] of Object.entries(input.extra)) {
      if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(`dispatch.extra.${k}`, "must be a finite number");
      extra[k] = v;
    }
    record.extra = extra;
  }
  return record;
}

/** The three parts of a quality score and their total. */
export interface QualityBreakdown {
  day: string;
  /** onTime ÷ total. */
  onTimeRate: number;
  /** cancelled ÷ total. */
  cancelRate: number;
  avgDelayMinutes: number;
  /** onTimeRate × 50. */
  punctuality: number;
  /** max(0, 30 − avgDelay ÷ 15 × 30): a 15-minute average delay scores 0. */
  delay: number;
  /** max(0, 20 − cancelRate × 100): 20 % cancellations score 0. */
  cancellations: number;
  /** Sum clamped to 0–100, rounded to one decimal. */
  score: number;
}

/**
 * Quality score of a dispatch day: on-time rate × 50 + max(0, 30 − avgDelay/15 × 30)
 * + max(0, 20 − cancelRate × 100), clamped to 0–100.
 * @example
 * scoreDispatch({ day: "2026-11-20", total: 25, onTime: 22, late: 2, cancelled: 1, avgDelayMinutes: 6 }).score // 78
 */
export function scoreDispatch(r: DispatchRecord): QualityBreakdown {
  const onTimeRate = r.total === 0 ? 0 : r.onTime / r.total;
  const cancelRate = r.total === 0 ? 0 : r.cancelled / r.total;
  const punctuality = onTimeRate * 50;
  const delay = Math.max(0, 30 - (r.avgDelayMinutes / 15) * 30);
  const cancellations = Math.max(0, 20 - cancelRate * 100);
  const raw = punctuality + delay + cancellations;
  const score = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
  return {
    day: r.day,
    onTimeRate,
    cancelRate,
    avgDelayMinutes: r.avgDelayMinutes,
    punctuality,
    delay,
    cancellations,
    score,
  };
}
