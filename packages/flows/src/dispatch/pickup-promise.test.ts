// The promises dispatch keeps at acceptance and what they become: the pickup promise and its delay at
// `picked_up` (in the day's dispatch record and the mission's completion), the default ETA of a ride
// that cannot be measured (typed addresses), and a delivery_delayed that could not be sent counted as
// an error. Every expected figure is computed by hand from the scripted clock.
import { Analytics } from "@toktok/analytics";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Driver, Place } from "../backend/types.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import type { CompletionSink } from "./completion.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";

const pickup = { address: "Poto-Poto", latitude: -4.2634, longitude: 15.2832 };
// 6 km due south of the pickup: 18 min at 20 km/h.
const destination = { address: "Bacongo", latitude: -4.2634 - 6 / 111.2, longitude: 15.2832 };
const driver: Driver = { id: "d1", name: "Jean", phone: "242060000001" };
const DAY = "2026-11-19";

function setup(options: { defaultEtaMinutes?: number } = {}) {
  let clock = Date.parse("2026-11-19T08:00:00Z"); // a Thursday, 09:00 in Brazzaville
  const now = () => clock;
  const backend = new MemoryBackend({ now });
  const analytics = new Analytics({ now });
  const conversions: Array<Record<string, unknown> | undefined> = [];
  const errors: Array<{ error: unknown; context: Record<string, unknown> | undefined }> = [];
  // The real analytics, with what dispatch hands it kept to read the per-mission metadata.
  const sink: CompletionSink = {
    trackConversion: (user, type, value, metadata) => {
      conversions.push(metadata);
      return analytics.trackConversion(user, type, value, metadata as Record<string, string | number>);
    },
    recordDispatch: (day) => analytics.recordDispatch(day),
    trackError: (error, context) => {
      errors.push({ error, context });
      analytics.trackError(error, context);
    },
  };
  const messenger = new RecordingMessenger();
  const timers = new ManualJobQueue((ms) => {
    clock += ms;
  });
  const dispatcher = createDispatcher({
    backend,
    store: new MemoryDispatchStore({ now }),
    timers,
    messenger,
    analytics: sink,
    now,
    speedKmh: 20,
    lateMarginMs: 5 * 60_000,
    ...options,
  });
  const create = (places: { pickup: Place; destination: Place } = { pickup, destination }, scheduledAt?: string) =>
    backend.missions.create({
      clientPhone: "242069990000",
      clientName: "Grâce",
      ...places,
      parcelValue: 0,
      description: "colis",
      recipient: { name: "Marie", phone: "242068880000" },
      ...(scheduledAt ? { scheduledAt } : {}),
    });
  /** Moves the mission to `picked_up` `minutes` from now, then delivers it at once. */
  const pickUpAfter = async (id: string, minutes: number) => {
    await backend.missions.updateStatus(id, "pickup_arrived");
    clock += minutes * 60_000;
    for (const s of ["picked_up", "in_transit", "arrived"] as const) await backend.missions.updateStatus(id, s);
    await dispatcher.closed(await backend.missions.updateStatus(id, "delivered"));
  };
  const at = (kmNorth: number) =>
    dispatcher.locate(driver, { latitude: pickup.latitude + kmNorth / 111.2, longitude: pickup.longitude });
  return {
    analytics,
    backend,
    conversions,
    create,
    dispatcher,
    errors,
    messenger,
    timers,
    at,
    pickUpAfter,
    tick: (ms: number) => (clock += ms),
    now,
  };
}

describe("pickup promise", () => {
  it("records the minutes past the pickup promise at picked_up (0 when early) in the day's record and the completion", async () => {
    const t = setup();
    await t.dispatcher.setOnline(driver, true);
    // 1: the driver 3 km from the pickup → promised there 9 min after acceptance; picked up after 15: 6 min late.
    await t.at(3);
    const m1 = await t.create();
    await t.dispatcher.accept(m1.id, driver);
    await t.pickUpAfter(m1.id, 15);
    // 2: the driver 4 km away → promised in 12 min; picked up after 5: early, 0.
    await t.at(4);
    const m2 = await t.create();
    await t.dispatcher.accept(m2.id, driver);
    await t.pickUpAfter(m2.id, 5);

    expect(t.conversions.map((c) => c?.pickupDelayMinutes)).toEqual([6, 0]);
    const [record] = await t.analytics.getDispatch({ from: DAY, to: DAY });
    // By hand: (6 + 0) / 2 = 3.
    expect(record?.extra?.pickupDelayMinutes).toBe(3);
  });

  it("promises the pickup at the planned time of a mission scheduled later, wherever the driver is", async () => {
    const t = setup();
    await t.dispatcher.setOnline(driver, true);
    await t.at(8);
    const planned = new Date(t.now() + 2 * 3_600_000).toISOString();
    const m = await t.create(undefined, planned);
    await t.dispatcher.accept(m.id, driver);
    // Picked up 2 h 7 min after the acceptance: 7 min past the planned pickup.
    await t.pickUpAfter(m.id, 127);
    expect(t.conversions[0]?.pickupDelayMinutes).toBe(7);
    const [record] = await t.analytics.getDispatch({ from: DAY, to: DAY });
    expect(record?.extra?.pickupDelayMinutes).toBe(7);
  });

  it("records no pickup delay when the driver's distance to the pickup was unknown", async () => {
    const t = setup();
    await t.dispatcher.setOnline(driver, true);
    const m = await t.create();
    await t.dispatcher.accept(m.id, driver);
    await t.pickUpAfter(m.id, 30);
    expect(t.conversions[0]).not.toHaveProperty("pickupDelayMinutes");
    const [record] = await t.analytics.getDispatch({ from: DAY, to: DAY });
    expect(record?.extra?.pickupDelayMinutes).toBe(0);
  });
});

describe("defaultEtaMinutes", () => {
  const typed = { pickup: { address: "Rond-point Moungali" }, destination: { address: "Marché Total" } };

  it("defaults to 45 minutes", () => {
    expect(setup().dispatcher.settings.defaultEtaMinutes).toBe(45);
  });

  it("promises a ride between typed addresses acceptance + defaultEtaMinutes, shows it and checks it for lateness", async () => {
    const t = setup({ defaultEtaMinutes: 30 });
    await t.dispatcher.setOnline(driver, true);
    const m = await t.create(typed);
    const won = await t.dispatcher.accept(m.id, driver);
    expect(won).toMatchObject({ outcome: "assigned", etaMinutes: 30 });
    const text = t.messenger.to("242069990000").find((x) => x.type === "text");
    expect(text?.type === "text" && text.body).toContain("environ 30 min");
    // The lateness check: 30 min + the 5 min margin after the acceptance.
    const late = t.timers.scheduled.find((j) => j.key.startsWith(`late|${m.id}|`));
    expect(late?.delayMs).toBe(35 * 60_000);
    // "Où est mon colis" 10 min later: 20 min left of the promise.
    t.tick(10 * 60_000);
    expect((await t.dispatcher.eta((await t.backend.missions.get(m.id)) ?? m)).minutes).toBe(20);
    await t.timers.runAll();
    const templates = t.messenger.sent.filter((x) => x.type === "template");
    expect(templates.map((x) => (x.type === "template" ? x.template.name : ""))).toEqual(["delivery_delayed"]);
  });
});

describe("sends that fail outside a turn", () => {
  it("counts an offer that could not reach a driver as an error of kind dispatch_offer_failed", async () => {
    const t = setup();
    await t.dispatcher.setOnline(driver, true);
    await t.at(1);
    const m = await t.create();
    t.messenger.failNextSend(new Error("Graph down"));
    expect(await t.dispatcher.offer(m.id)).toEqual([driver.id]);
    expect(t.errors.map((e) => e.context)).toEqual([{ kind: "dispatch_offer_failed", reference: m.reference }]);
  });

  it("counts a delivery_delayed that could not be sent as an error of kind delivery_delayed_failed", async () => {
    const t = setup();
    await t.dispatcher.setOnline(driver, true);
    await t.at(1);
    const m = await t.create();
    await t.dispatcher.accept(m.id, driver);
    t.messenger.failNextSend(new Error("Graph down"));
    await t.timers.runAll();
    expect(t.errors.map((e) => e.context)).toEqual([{ kind: "delivery_delayed_failed", reference: m.reference }]);
    const top = await t.analytics.getTopErrors();
    expect(top).toMatchObject([{ name: "Error", message: "Graph down", count: 1 }]);
  });
});
