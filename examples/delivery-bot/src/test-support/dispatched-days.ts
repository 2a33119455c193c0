// Days of missions driven through the real dispatcher on an injected clock (accept → ETA promise →
// delivery or cancellation), each closing recorded by the dispatcher itself into a real Analytics: the
// world of the tests that derive quality figures (trend, weekday insight) from dispatched missions
// rather than inserted rows.
import { Analytics } from "@toktok/analytics";
import { createDispatcher, type Driver, MemoryBackend, MemoryDispatchStore, MemoryJobQueue } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { expect } from "vitest";

const DAY_MS = 86_400_000;
/** Monday 2 November 2026, 09:00 in Brazzaville (UTC+1): day 0 of every scripted calendar. */
export const FIRST_MONDAY = Date.parse("2026-11-02T08:00:00Z");
const from = { address: "Moungali", latitude: -4.25, longitude: 15.27 };
// 5 km due south: 15 min at the default 20 km/h, the driver waiting at the pickup.
const to = { address: "Makélékélé", latitude: -4.25 - 5 / 111.2, longitude: 15.27 };
/** The ETA every scripted mission is promised, minutes. */
export const ETA_MINUTES = 15;

/** A dispatcher, its backend and analytics on one movable clock, and the steps of a scripted day. */
export function dispatchedDays(rider: Driver) {
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
  return {
    analytics,
    /** Moves the clock to `at` (ms since the epoch). */
    setNow: (at: number) => {
      now = at;
    },
    /** Starts the day `offset` days after the first Monday, the rider online at the pickup. */
    async startDay(offset: number): Promise<void> {
      now = FIRST_MONDAY + offset * DAY_MS;
      await dispatcher.setOnline(rider, true);
      await dispatcher.locate(rider, from);
    },
    /** A mission accepted now and delivered `late` min past its ETA; the next one starts 30 min later. */
    async deliver(late: number): Promise<void> {
      const created = await create();
      expect(await dispatcher.accept(created.id, rider)).toMatchObject({
        outcome: "assigned",
        etaMinutes: ETA_MINUTES,
      });
      for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived"] as const) {
        await backend.missions.updateStatus(created.id, s);
      }
      now += (ETA_MINUTES + late) * 60_000;
      await dispatcher.closed(await backend.missions.updateStatus(created.id, "delivered"));
      now += 30 * 60_000;
    },
    /** A mission created and cancelled before anyone took it. */
    async cancelOne(): Promise<void> {
      await dispatcher.cancelled(await backend.missions.updateStatus((await create()).id, "cancelled"));
    },
  };
}
