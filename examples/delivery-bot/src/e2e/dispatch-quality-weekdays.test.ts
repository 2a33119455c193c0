// The weekday insight derived from real missions, not inserted rows: three weeks of Mondays, Wednesdays
// and Fridays driven through the dispatcher on an injected clock (accept → ETA promise → delivery), each
// closing recorded by the dispatcher itself into a real Analytics. Fridays' deliveries come 25 min past
// their ETA; the other days' on time. The insights must name Friday, with the delay computed by hand.
import { Analytics } from "@toktok/analytics";
import { createDispatcher, type Driver, MemoryBackend, MemoryDispatchStore, MemoryJobQueue } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { expect, it } from "vitest";

const DAY_MS = 86_400_000;
/** Monday 2 November 2026, 09:00 in Brazzaville (UTC+1). */
const FIRST_MONDAY = Date.parse("2026-11-02T08:00:00Z");
const rider: Driver = { id: "d7", name: "Prince", phone: "242060000007" };
const from = { address: "Moungali", latitude: -4.25, longitude: 15.27 };
// 5 km due south: 15 min at the default 20 km/h.
const to = { address: "Makélékélé", latitude: -4.25 - 5 / 111.2, longitude: 15.27 };
const ETA_MINUTES = 15;

it("names Friday in the weekday insight when Fridays' deliveries are late, from three weeks of dispatched missions", async () => {
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
  /** Two missions on the day `offset` days after the first Monday, each delivered `late` min past its ETA. */
  const day = async (offset: number, late: number) => {
    now = FIRST_MONDAY + offset * DAY_MS;
    await dispatcher.setOnline(rider, true);
    await dispatcher.locate(rider, from);
    for (let n = 0; n < 2; n++) {
      const created = await backend.missions.create({
        clientPhone: "242061230000",
        pickup: from,
        destination: to,
        parcelValue: 0,
        description: "enveloppe",
        recipient: { name: "Ornella", phone: "242064440000" },
      });
      const outcome = await dispatcher.accept(created.id, rider);
      expect(outcome).toMatchObject({ outcome: "assigned", etaMinutes: ETA_MINUTES });
      for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived"] as const) {
        await backend.missions.updateStatus(created.id, s);
      }
      now += (ETA_MINUTES + late) * 60_000;
      await dispatcher.closed(await backend.missions.updateStatus(created.id, "delivered"));
      now += 30 * 60_000;
    }
  };
  for (let week = 0; week < 3; week++) {
    await day(week * 7 + 0, 0); // Monday: on time
    await day(week * 7 + 2, 0); // Wednesday: on time
    await day(week * 7 + 4, 25); // Friday: 25 min late
  }
  now = Date.parse("2026-11-21T08:00:00Z"); // the Saturday after the third Friday

  // By hand: Friday's late deliveries average 25 min; the other weekdays have no late one (0 min).
  const insights = await analytics.getInsights({ date: "2026-11-20", weeks: 3 });
  const weekday = insights.find((i) => i.kind === "weekday_delay");
  expect(weekday).toMatchObject({ weekday: 5, value: 25, reference: 0, title: "Retards élevés le vendredi" });
  // And each Friday's quality score is below each Monday's, from the same recorded days.
  expect(await analytics.qualityScore("2026-11-20")).toBeLessThan((await analytics.qualityScore("2026-11-16")) ?? 0);
  await analytics.close();
});
