// A scripted day of three missions through dispatch, read back from a real @toktok/analytics: the
// quality score, the completions and the revenue equal what is computed by hand below.
import { Analytics } from "@toktok/analytics";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Driver } from "../backend/types.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";

const pickup = { address: "Poto-Poto", latitude: -4.2634, longitude: 15.2832 };
// 6 km due south of the pickup: 18 min at 20 km/h.
const destination = { address: "Bacongo", latitude: -4.2634 - 6 / 111.2, longitude: 15.2832 };
const driver: Driver = { id: "d1", name: "Jean", phone: "242060000001" };
const steps = ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const;

describe("completion feeds analytics", () => {
  it("a day of one on-time, one late and one cancelled mission scores as computed by hand", async () => {
    let clock = Date.parse("2026-11-19T08:00:00Z"); // a Thursday, 09:00 in Brazzaville
    const now = () => clock;
    const backend = new MemoryBackend({ now });
    const analytics = new Analytics({ now });
    const dispatcher = createDispatcher({
      backend,
      store: new MemoryDispatchStore({ now }),
      timers: new ManualJobQueue(() => {}),
      messenger: new RecordingMessenger(),
      analytics,
      now,
      lateMarginMs: 5 * 60_000,
    });
    await dispatcher.setOnline(driver, true);
    // The driver waits at the pickup: ETA = pickup → destination only.
    await dispatcher.locate(driver, pickup);
    const create = () =>
      backend.missions.create({
        clientPhone: "242069990000",
        pickup,
        destination,
        parcelValue: 0,
        description: "colis",
        recipient: { name: "Marie", phone: "242068880000" },
      });
    const deliverAfter = async (id: string, minutes: number) => {
      for (const s of steps.slice(0, -1)) await backend.missions.updateStatus(id, s);
      clock += minutes * 60_000;
      await dispatcher.closed(await backend.missions.updateStatus(id, "delivered"));
    };

    // 1: accepted 4 min after creation, delivered 16 min after acceptance (promised 18): on time.
    const m1 = await create();
    clock += 4 * 60_000;
    const a1 = await dispatcher.accept(m1.id, driver);
    expect(a1.outcome === "assigned" && a1.etaMinutes).toBe(18);
    await deliverAfter(m1.id, 16);
    // 2: accepted 2 min after creation, delivered 30 min after (promised 18): 12 min late, past the 5 min grace.
    const m2 = await create();
    clock += 2 * 60_000;
    await dispatcher.accept(m2.id, driver);
    await deliverAfter(m2.id, 30);
    // 3: cancelled before any driver.
    const m3 = await create();
    await dispatcher.closed(await backend.missions.updateStatus(m3.id, "cancelled"));

    // By hand: total 3, on time 1, late 1 (12 min), cancelled 1.
    // 1/3 × 50 + max(0, 30 − 12/15 × 30) + max(0, 20 − 1/3 × 100) = 16.67 + 6 + 0 = 22.7
    const day = "2026-11-19";
    expect(await analytics.qualityScore(day)).toBe(22.7);
    const [record] = await analytics.getDispatch({ from: day, to: day });
    expect(record).toMatchObject({ total: 3, onTime: 1, late: 1, cancelled: 1, avgDelayMinutes: 12 });
    expect(record?.extra).toEqual({ assignMinutes: 3, delivered: 2, pickupDelayMinutes: 0 });
    const summary = await analytics.getSummary();
    const price = m1.price + m2.price;
    expect(summary.conversions.byType).toMatchObject({ mission_completed: { count: 2, revenueXaf: price } });
    // Closing twice (a retried turn) counts nothing twice.
    await dispatcher.closed((await backend.missions.get(m1.id)) ?? m1);
    expect((await analytics.getSummary()).conversions.byType).toMatchObject({ mission_completed: { count: 2 } });
  });
});
