// Satisfaction (count, average, share of low ratings, per-driver averages) is computed by
// @toktok/analytics (`getSatisfaction`, the owner: the delivery bot and its dashboard read it there)
// and, for an app without analytics, by @toktok/flows' in-memory `FeedbackLog` (`satisfactionOf`).
// The two packages are leaves for each other and cannot share the code, so this pins the formula:
// for any ratings, the FeedbackLog and the analytics fed through the bot's sink agree.
import fc from "fast-check";
import { expect, it } from "vitest";
import { ratingsToAnalytics } from "../../examples/delivery-bot/src/bot/ratings.ts";
import { Analytics } from "../../packages/analytics/src/analytics.js";
import { FeedbackLog } from "../../packages/flows/src/flows/feedback/satisfaction.js";
import type { MissionFeedback } from "../../packages/flows/src/flows/feedback/types.js";

const drivers = [undefined, { id: "d1", name: "Jean" }, { id: "d2", name: "Awa" }, { id: "d3" }] as const;

const feedback = fc.record({
  mission: fc.integer({ min: 1, max: 12 }),
  rating: fc.integer({ min: 1, max: 5 }),
  driver: fc.constantFrom(...drivers),
});

it("flows' FeedbackLog and analytics' getSatisfaction give the same figures for the same ratings", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(feedback, { maxLength: 40 }), async (answers) => {
      const clock = { now: Date.UTC(2026, 10, 20, 8) };
      const analytics = new Analytics({ now: () => clock.now });
      const sinks = [new FeedbackLog(), ratingsToAnalytics(analytics)];
      for (const [i, a] of answers.entries()) {
        clock.now += 60_000;
        const f: MissionFeedback = {
          missionId: `m${a.mission}`,
          reference: `M-${a.mission}`,
          clientPhone: "242061234567",
          rating: a.rating,
          at: new Date(clock.now + i).toISOString(),
          ...(a.driver?.id ? { driverId: a.driver.id } : {}),
          ...(a.driver && "name" in a.driver ? { driverName: a.driver.name } : {}),
        };
        for (const sink of sinks) sink.recordFeedback(f);
      }
      const log = sinks[0] as FeedbackLog;
      const fromAnalytics = await analytics.getSatisfaction({ from: 0, to: clock.now + 1 });
      await analytics.close();
      expect(fromAnalytics.count).toBe(new Set(answers.map((a) => a.mission)).size);
      expect(fromAnalytics).toEqual(log.satisfaction());
    }),
    { numRuns: 60 },
  );
});
