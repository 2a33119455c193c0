// The quality score's week-over-week trend derived from real missions, not inserted rows: two weeks of
// weekdays driven through the dispatcher on an injected clock (accept → ETA promise → delivery or
// cancellation), each closing recorded by the dispatcher itself into a real Analytics. The first week
// is delivered on time; the second has one delivery 10 min past its ETA a day and a cancellation on
// Wednesday. The weekly reports' quality scores and the Quality tab's daily series (getDispatch +
// qualityBreakdown, what /quality answers) must equal the values computed by hand below.
import type { Driver } from "@toktok/flows";
import { expect, it } from "vitest";
import { dispatchedDays } from "../test-support/dispatched-days.ts";

const rider: Driver = { id: "d8", name: "Prince", phone: "242060000008" };

it("derives the week-over-week quality trend from two weeks of dispatched missions", async () => {
  const { analytics, setNow, startDay, deliver, cancelOne } = dispatchedDays(rider);
  const day = async (offset: number, delays: number[], cancel = false) => {
    await startDay(offset);
    for (const late of delays) await deliver(late);
    if (cancel) await cancelOne();
  };
  for (let d = 0; d < 5; d++) await day(d, [0, 0]); // week 1: Monday–Friday, all on time
  for (let d = 7; d < 12; d++) await day(d, [0, 10], d === 9); // week 2: one 10 min late a day, a cancellation Wednesday
  setNow(Date.parse("2026-11-16T08:00:00Z")); // the Monday after

  // By hand, per day: on-time rate × 50 + max(0, 30 − avgDelay/15 × 30) + max(0, 20 − cancelRate × 100).
  // Week 1: 2/2 × 50 + 30 + 20 = 100 each day.
  // Week 2: 1/2 × 50 + (30 − 10/15 × 30) + 20 = 25 + 10 + 20 = 55; Wednesday 1/3 × 50 + 10 + 0 = 26.7.
  const week1 = [100, 100, 100, 100, 100];
  const week2 = [55, 55, 26.7, 55, 55];
  const quality = await analytics.getDispatch({ from: "2026-11-02", to: "2026-11-13" });
  const series = [];
  for (const record of quality) series.push((await analytics.qualityBreakdown(record.day))?.score);
  expect(series).toEqual([...week1, ...week2]);
  // The weekly reports: the mean of each week's scored days, 100 then (4 × 55 + 26.7) / 5 = 49.3.
  const first = await analytics.renderReport({ period: "week", date: "2026-11-02" });
  const second = await analytics.renderReport({ period: "week", date: "2026-11-09" });
  expect(first.figures.qualityScore).toBe(100);
  expect(second.figures.qualityScore).toBe(49.3);
  // The trend, week over week: −50.7 points, printed in the report as the second week's score.
  expect(Math.round(((second.figures.qualityScore ?? 0) - (first.figures.qualityScore ?? 0)) * 10) / 10).toBe(-50.7);
  expect(second.text).toContain("49,3/100");
  await analytics.close();
});
