import type { Analytics } from "../analytics.js";
import type { Satisfaction } from "../satisfaction/satisfaction.js";

/** 2026-11-21 08:00 UTC, the start of the scripted day of ratings. */
export const RATING_DAY = Date.UTC(2026, 10, 21, 8);

/**
 * A day of ratings: Jean (d1) 5 and 4, Paul (d2) 1 then re-rated 2 on the same mission, 3; one mission
 * rated without a driver (4); one rating of another company's mission (5); one the day before (1).
 */
export function playRatings(analytics: Analytics, clock: { now: number }): void {
  const at = (hours: number) => {
    clock.now = RATING_DAY + hours * 3_600_000;
  };
  at(-20);
  analytics.trackRating("242060000009", { missionId: "m0", rating: 1, driverId: "d1", driverName: "Jean" });
  at(1);
  analytics.trackRating("242060000001", { missionId: "m1", rating: 5, driverId: "d1", driverName: "Jean" });
  at(2);
  analytics.trackRating("242060000002", { missionId: "m2", rating: 4, driverId: "d1", driverName: "Jean" });
  at(3);
  analytics.trackRating("242060000003", { missionId: "m3", rating: 1, driverId: "d2", driverName: "Paul" });
  at(4);
  analytics.trackRating("242060000003", {
    missionId: "m3",
    rating: 2,
    driverId: "d2",
    driverName: "Paul",
    comment: "en retard",
  });
  at(5);
  analytics.trackRating("242060000004", { missionId: "m4", rating: 3, driverId: "d2", driverName: "Paul" });
  at(6);
  analytics.trackRating("242060000005", { missionId: "m5", rating: 4 });
  at(7);
  analytics.trackRating(
    "242060000006",
    { missionId: "m6", rating: 5, driverId: "d3", driverName: "Sara" },
    { companyId: "boutique-1" },
  );
  at(12);
}

/**
 * The scripted day's satisfaction, by hand: missions m1 5, m2 4, m3 2 (its latest), m4 3, m5 4, m6 5 →
 * 23 / 6 = 3.83 → 3.8; low (≤ 2): m3 → 1 / 6; d1 (5 + 4) / 2 = 4.5, d2 (2 + 3) / 2 = 2.5, d3 5.
 */
export const RATING_DAY_SATISFACTION: Satisfaction = {
  count: 6,
  average: 3.8,
  lowShare: 1 / 6,
  byDriver: {
    d1: { name: "Jean", count: 2, average: 4.5 },
    d2: { name: "Paul", count: 2, average: 2.5 },
    d3: { name: "Sara", count: 1, average: 5 },
  },
};
