import { monthStart, nextMonthStart, weekStart } from "./zone.js";

/** Granularity of daily, weekly (ISO, Monday first) and monthly figures. */
export type PeriodUnit = "day" | "week" | "month";

/** First local day of the period containing `day`. */
export function periodStart(day: number, unit: PeriodUnit): number {
  return unit === "day" ? day : unit === "week" ? weekStart(day) : monthStart(day);
}

/** First local day of the period after the one containing `day` (an exclusive end). */
export function periodEnd(day: number, unit: PeriodUnit): number {
  return unit === "day" ? day + 1 : unit === "week" ? weekStart(day) + 7 : nextMonthStart(day);
}
