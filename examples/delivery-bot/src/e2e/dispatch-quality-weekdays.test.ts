// The weekday insight derived from real missions, not inserted rows: three weeks of Mondays, Wednesdays
// and Fridays driven through the dispatcher on an injected clock (accept → ETA promise → delivery), each
// closing recorded by the dispatcher itself into a real Analytics. Fridays' deliveries come 25 min past
// their ETA; the other days' on time. The insights must name Friday, with the delay computed by hand.
import type { Driver } from "@toktok/flows";
import { expect, it } from "vitest";
import { dispatchedDays } from "../test-support/dispatched-days.ts";

const rider: Driver = { id: "d7", name: "Prince", phone: "242060000007" };

it("names Friday in the weekday insight when Fridays' deliveries are late, from three weeks of dispatched missions", async () => {
  const { analytics, setNow, startDay, deliver } = dispatchedDays(rider);
  /** Two missions on the day `offset` days after the first Monday, each delivered `late` min past its ETA. */
  const day = async (offset: number, late: number) => {
    await startDay(offset);
    for (let n = 0; n < 2; n++) await deliver(late);
  };
  for (let week = 0; week < 3; week++) {
    await day(week * 7 + 0, 0); // Monday: on time
    await day(week * 7 + 2, 0); // Wednesday: on time
    await day(week * 7 + 4, 25); // Friday: 25 min late
  }
  setNow(Date.parse("2026-11-21T08:00:00Z")); // the Saturday after the third Friday

  // By hand: Friday's late deliveries average 25 min; the other weekdays have no late one (0 min).
  const insights = await analytics.getInsights({ date: "2026-11-20", weeks: 3 });
  const weekday = insights.find((i) => i.kind === "weekday_delay");
  expect(weekday).toMatchObject({ weekday: 5, value: 25, reference: 0, title: "Retards élevés le vendredi" });
  // And each Friday's quality score is below each Monday's, from the same recorded days.
  expect(await analytics.qualityScore("2026-11-20")).toBeLessThan((await analytics.qualityScore("2026-11-16")) ?? 0);
  await analytics.close();
});
