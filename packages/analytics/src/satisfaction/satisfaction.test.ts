import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import { AnalyticsValidationError } from "../errors.js";
import { playRatings, RATING_DAY, RATING_DAY_SATISFACTION } from "../testing/scripted-ratings.js";

const day = { from: RATING_DAY, to: RATING_DAY + 16 * 3_600_000 };

describe("getSatisfaction", () => {
  it("equals the scripted day's figures computed by hand (latest rating per mission, day only)", async () => {
    const clock = { now: RATING_DAY };
    const analytics = new Analytics({ now: () => clock.now });
    playRatings(analytics, clock);
    expect(await analytics.getSatisfaction(day)).toEqual(RATING_DAY_SATISFACTION);
    // Including the day before adds m0 (1, Jean): 24 / 7 = 3.4, low 2 / 7, Jean (1 + 5 + 4) / 3 = 3.3.
    const both = await analytics.getSatisfaction({ from: RATING_DAY - 86_400_000, to: day.to });
    expect(both).toMatchObject({
      count: 7,
      average: 3.4,
      lowShare: 2 / 7,
      byDriver: { d1: { count: 3, average: 3.3 } },
    });
    expect(await analytics.getSatisfaction({ ...day, companyId: "boutique-1" })).toEqual({
      count: 1,
      average: 5,
      lowShare: 0,
      byDriver: { d3: { name: "Sara", count: 1, average: 5 } },
    });
    await analytics.close();
  });

  it("is empty without ratings, and a rating outside 1–5 is refused naming the field", async () => {
    const analytics = new Analytics();
    expect(await analytics.getSatisfaction()).toEqual({ count: 0, average: 0, lowShare: 0, byDriver: {} });
    expect(() => analytics.trackRating("242060000001", { missionId: "m1", rating: 6 })).toThrow(
      expect.objectContaining({ field: "rating.rating" }),
    );
    expect(() => analytics.trackRating("242060000001", { missionId: "", rating: 3 })).toThrow(AnalyticsValidationError);
    await analytics.close();
  });
});
