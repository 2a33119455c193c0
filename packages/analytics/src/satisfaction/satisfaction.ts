import type { RatingTotals } from "../stores/store.js";
import { checkName, checkUser, invalid } from "../validate.js";

/** A customer's rating of one delivered mission, as given to `trackRating`. */
export interface RatingInput {
  missionId: string;
  /** 1 (bad) to 5 (very good), an integer. */
  rating: number;
  driverId?: string;
  driverName?: string;
  /** The customer's own words, kept up to 1000 characters. */
  comment?: string;
}

/** Satisfaction over a range: one rating per mission (its latest). */
export interface Satisfaction {
  count: number;
  /** Average rating, 1–5, one decimal (0 when there is none). */
  average: number;
  /** Share of ratings of 2 or less, 0–1. */
  lowShare: number;
  /** Per driver id: name (when known), number of rated missions, average (one decimal). */
  byDriver: Record<string, { name?: string; count: number; average: number }>;
}

/** Ratings of 2 or less are the low ones. */
export const LOW_RATING = 2;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Checks a rating; a bad field throws `AnalyticsValidationError` naming it. */
export function validateRating(input: RatingInput): Required<Pick<RatingInput, "missionId" | "rating">> & RatingInput {
  if (typeof input !== "object" || input === null) throw invalid("rating", "must be an object");
  checkName(input.missionId, "rating.missionId", 256);
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    throw invalid("rating.rating", "must be an integer from 1 to 5");
  }
  if (input.driverId !== undefined) checkUser(input.driverId, "rating.driverId");
  if (input.driverName !== undefined) checkName(input.driverName, "rating.driverName", 256);
  if (input.comment !== undefined && typeof input.comment !== "string")
    throw invalid("rating.comment", "must be a string");
  return input;
}

/** Satisfaction from the per-driver totals of a store (the driver `null` holds unassigned ratings). */
export function buildSatisfaction(totals: readonly RatingTotals[]): Satisfaction {
  let count = 0;
  let sum = 0;
  let low = 0;
  const byDriver: Satisfaction["byDriver"] = {};
  for (const t of totals) {
    count += t.count;
    sum += t.sum;
    low += t.low;
    if (t.driverId === null) continue;
    byDriver[t.driverId] = {
      ...(t.driverName ? { name: t.driverName } : {}),
      count: t.count,
      average: round1(t.sum / t.count),
    };
  }
  return {
    count,
    average: count === 0 ? 0 : round1(sum / count),
    lowShare: count === 0 ? 0 : low / count,
    byDriver,
  };
}
