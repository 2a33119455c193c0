// The quality score's week-over-week trend derived from real missions, not inserted rows: two weeks of
// weekdays driven through the dispatcher on an injected clock (accept → ETA promise → delivery or
// cancellation), each closing recorded by the dispatcher itself into a real Analytics. The first week
// is delivered on time; the second has one delivery 10 min past its ETA a day and a cancellation on
// Wednesday. The weekly reports' quality scores and the Quality tab's daily series (getDispatch +
// qualityBreakdown, what /quality answers) must equal the values computed by hand below.
import { Analytics } from "@toktok/analytics";
import { createDispatcher, type Driver, MemoryBackend, MemoryDispatchStore, MemoryJobQueue } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { expect, it } from "vitest";

const DAY_MS = 86_400_000;
/** Monday 2 November 2026, 09:00 in Brazzaville (UTC+1). */
const FIRST_MONDAY = Date.parse("2026-11-02T08:00:00Z");
const rider: Driver = { id: "d8", name: "Prince", phone: "242060000008" };
const from = { address: "Moungali", latitude: -4.25, longitude: 15.27 };
// 5 km due south: 15 min at the default 20 km/h, the driver waiting at the pickup.
const to = { address: "Makélékélé", latitude: -4.25 - 5 / 111.2, longitude: 15.27 };
const ETA_MINUTES = 15;

it("derives the week-over-week quality trend from two weeks of dispatched missions", async () => {
  let now = FIRST_MONDAY;
  const clock = () => now;
  const analytics = new Analytics({ now: clock });
  const backend = new MemoryBackend({ now: clock });
  const dispatcher = createDispatcher({
    backend,
    store: new MemoryDispatchStore({ now: clock }),
    timers: new MemoryJobQueue(),
    messenger: new RecordingMessenger(),
    analytics,
    now: clock,
    lateMarginMs: 5 * 60_000,
  });
  const create = () =>
    backend.missions.create({
      clientPhone: "242061230000",
      pickup: from,
      destination: to,
      parcelValue: 0,
      description: "enveloppe",
      recipient: { name: "Ornella", phone: "242064440000" },
    });
  /** A mission accepted now and delivered `late` min past its ETA. */
  const deliver = async (late: number) => {
    const created = await create();
    expect(await dispatcher.accept(created.id, rider)).toMatchObject({ etaMinutes: ETA_MINUTES });
    for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived"] as const) {
      await backend.missions.updateStatus(created.id, s);
    }
    now += (ETA_MINUTES + late) * 60_000;
    await dispatcher.closed(await backend.missions.updateStatus(created.id, "delivered"));
    now += 30 * 60_000;
  };
  const day = async (offset: number, delays: number[], cancel = false) => {
    now = FIRST_MONDAY + offset * DAY_MS;
    await dispatcher.setOnline(rider, true);
    await dispatcher.locate(rider, from);
    for (const late of delays) await deliver(late);
    if (cancel) await dispatcher.cancelled(await backend.missions.updateStatus((await create()).id, "cancelled"));
  };
  for (let d = 0; d < 5; d++) await day(d, [0, 0]); // week 1: Monday–Friday, all on time
  for (let d = 7; d < 12; d++) await day(d, [0, 10], d === 9); // week 2: one 10 min late a day, a cancellation Wednesday
  now = Date.parse("2026-11-16T08:00:00Z"); // the Monday after

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
