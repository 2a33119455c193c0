import { Analytics } from "@toktok/analytics";
import { expect, it } from "vitest";
import { DEFAULT_ALERT_RULES } from "./default-rules.ts";

const DAY = 86_400_000;
/** Sunday 2026-11-08 00:00 in Brazzaville; the rules are evaluated two weeks later. */
const START = Date.UTC(2026, 10, 8) - 3_600_000;

/** Two weeks of completed missions and orders, `[missions, orders]` a day for each week. */
function play(weeks: [[number, number], [number, number]]) {
  const clock = { now: START };
  const analytics = new Analytics({ now: () => clock.now, alerts: DEFAULT_ALERT_RULES });
  for (let d = 0; d < 14; d++) {
    const [missions, orders] = weeks[d < 7 ? 0 : 1];
    for (let i = 0; i < missions + orders; i++) {
      clock.now = START + d * DAY + 10 * 3_600_000 + i * 60_000;
      analytics.trackConversion(
        `2420612${String(i).padStart(5, "0")}`,
        i < missions ? "mission_completed" : "order_completed",
        2_000,
      );
    }
  }
  clock.now = START + 14 * DAY + 12 * 3_600_000;
  return analytics;
}

it("fires the drop of completed missions when deliveries fall, though orders keep all conversions flat", async () => {
  const analytics = play([
    [10, 2],
    [4, 8],
  ]);
  const fired = await analytics.evaluateAlerts();
  expect(fired.map((a) => a.rule)).toEqual(["baisse-missions-terminees"]);
  expect(fired[0]).toMatchObject({ value: 28, reference: 70 });
  await analytics.close();
});

it("stays quiet when only orders fall", async () => {
  const analytics = play([
    [10, 10],
    [10, 2],
  ]);
  expect(await analytics.evaluateAlerts()).toEqual([]);
  await analytics.close();
});
