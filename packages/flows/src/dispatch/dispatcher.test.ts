import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Driver } from "../backend/types.js";
import { createNotifier } from "../notifications/notifier.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createDispatcher } from "./dispatcher.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";
import { withDispatch } from "./with-dispatch.js";

// Brazzaville: the pickup at Poto-Poto, the destination ~3.3 km south-west at the Plateau.
const pickup = { address: "Marché Poto-Poto", latitude: -4.2634, longitude: 15.2832 };
const destination = { address: "Plateau", latitude: -4.2756, longitude: 15.2555 };
const near: Driver = { id: "d-near", name: "Jean Near", phone: "242060000001" };
const far: Driver = { id: "d-far", name: "Paul Far", phone: "242060000002" };
const remote: Driver = { id: "d-remote", name: "Alain Remote", phone: "242060000003" };

function setup() {
  let clock = Date.parse("2026-11-19T09:00:00Z");
  const backend = new MemoryBackend({ now: () => clock });
  const messenger = new RecordingMessenger();
  const timers = new ManualJobQueue((ms) => {
    clock += ms;
  });
  const store = new MemoryDispatchStore({ now: () => clock });
  const dispatcher = createDispatcher({
    backend,
    store,
    timers,
    messenger,
    now: () => clock,
    radiusKm: 3,
    fanOut: 1,
    speedKmh: 20,
    lateMarginMs: 600_000,
  });
  const mission = () =>
    backend.missions.create({
      clientPhone: "242069990000",
      clientName: "Grâce",
      pickup,
      destination,
      parcelValue: 10_000,
      description: "Un carton",
      recipient: { name: "Marie", phone: "242068880000" },
    });
  return { backend, messenger, timers, store, dispatcher, mission, tick: (ms: number) => (clock += ms) };
}

async function place(d: ReturnType<typeof setup>["dispatcher"], driver: Driver, kmNorth: number) {
  await d.setOnline(driver, true);
  // 1° of latitude is ~111 km.
  await d.locate(driver, { latitude: pickup.latitude + kmNorth / 111.2, longitude: pickup.longitude });
}

const offersTo = (m: RecordingMessenger, phone: string) =>
  m.to(phone).filter((x) => x.type === "buttons" && x.buttons[0]?.id === "flow:driver");

describe("Dispatcher", () => {
  it("offers a new mission to the nearest online driver first, then wider after the timeout", async () => {
    const t = setup();
    await place(t.dispatcher, far, 2.5);
    await place(t.dispatcher, near, 0.5);
    await place(t.dispatcher, remote, 9);
    const m = await t.mission();

    expect(await t.dispatcher.offer(m.id)).toEqual([near.id]);
    expect(offersTo(t.messenger, near.phone)).toHaveLength(1);
    expect(offersTo(t.messenger, far.phone)).toHaveLength(0);
    expect(t.timers.scheduled).toEqual([{ key: `offer|${m.id}|1`, delayMs: 60_000 }]);

    // Nobody accepted: round 2 goes to the next nearest (radius 6 km), round 3 (12 km) to the remote one.
    await t.timers.runAll();
    expect(offersTo(t.messenger, far.phone)).toHaveLength(1);
    expect(offersTo(t.messenger, remote.phone)).toHaveLength(1);
    expect(offersTo(t.messenger, near.phone)).toHaveLength(1);
  });

  it("skips offline drivers; an online driver without a position is offered it in the last round, without a distance", async () => {
    const t = setup();
    await place(t.dispatcher, near, 0.5);
    await t.dispatcher.setOnline(near, false);
    await t.dispatcher.setOnline(far, true);
    const m = await t.mission();
    expect(await t.dispatcher.offer(m.id)).toEqual([]);
    expect(t.messenger.sent).toHaveLength(0);
    // Rounds 2 and 3: nobody within reach has a position, so the last round goes to the one who has none.
    await t.timers.runAll();
    const offers = offersTo(t.messenger, far.phone);
    expect(offers).toHaveLength(1);
    expect(offers[0]?.type === "buttons" ? offers[0].body : "").toMatch(/^🛵 Nouvelle course \S+\n/);
    expect(offersTo(t.messenger, near.phone)).toHaveLength(0);
  });

  it("offers a mission whose pickup is a typed address at once to online drivers, whose distance cannot be known", async () => {
    const t = setup();
    await place(t.dispatcher, near, 0.5);
    await t.dispatcher.setOnline(far, true);
    await t.dispatcher.setOnline(remote, false);
    const m = await t.backend.missions.create({
      clientPhone: "242069990000",
      clientName: "Grâce",
      pickup: { address: "Rond-point Moungali" },
      destination: { address: "Plateau" },
      parcelValue: 10_000,
      description: "Un carton",
      recipient: { name: "Marie", phone: "242068880000" },
    });
    // fanOut 1: the driver seen most recently first, the other at the next round; never the offline one.
    expect(await t.dispatcher.offer(m.id)).toEqual([near.id]);
    await t.timers.runAll();
    expect(offersTo(t.messenger, far.phone)).toHaveLength(1);
    expect(offersTo(t.messenger, remote.phone)).toHaveLength(0);
  });

  it("gives the mission to exactly one of two drivers accepting at once, and the customer the card, pin and ETA", async () => {
    const t = setup();
    await place(t.dispatcher, near, 0.5);
    await place(t.dispatcher, far, 2.5);
    const m = await t.mission();
    const [a, b] = await Promise.all([t.dispatcher.accept(m.id, near), t.dispatcher.accept(m.id, far)]);
    expect([a.outcome, b.outcome].sort()).toEqual(["assigned", "taken"]);
    const won = a.outcome === "assigned" ? a : b;
    if (won.outcome !== "assigned") throw new Error("unreachable");
    expect((await t.backend.missions.get(m.id))?.driver?.id).toBe(won.mission.driver?.id);

    const toCustomer = t.messenger.to("242069990000");
    expect(toCustomer.map((x) => x.type)).toEqual(["contacts", "location", "text"]);
    // ETA: driver → pickup + pickup → destination at 20 km/h.
    expect(won.etaMinutes).toBeGreaterThan(10);
    const text = toCustomer[2]?.type === "text" ? toCustomer[2].body : "";
    expect(text).toContain(`${won.etaMinutes} min`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).toMatch(/jeudi 19 novembre à \d\d h \d\d/);
  });

  it("sends delivery_delayed exactly once when the mission is past its ETA by the margin", async () => {
    const t = setup();
    await place(t.dispatcher, near, 0.5);
    const m = await t.mission();
    const won = await t.dispatcher.accept(m.id, near);
    if (won.outcome !== "assigned") throw new Error("not assigned");
    const late = t.timers.scheduled.find((j) => j.key.startsWith(`late|${m.id}|`));
    expect(late?.delayMs).toBe((won.etaMinutes ?? 0) * 60_000 + 600_000);
    await t.timers.runAll();
    // A redelivered timer job (at least once) does not send it again.
    await t.timers.run(late?.key ?? "");
    const templates = t.messenger.sent.filter((x) => x.type === "template");
    expect(templates).toHaveLength(1);
    const tpl = templates[0]?.type === "template" ? templates[0].template : undefined;
    expect(tpl?.name).toBe("delivery_delayed");
    const json = JSON.stringify(tpl);
    expect(json).toContain("Grâce");
    expect(json).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("sends no delivery_delayed for a mission delivered in time", async () => {
    const t = setup();
    await place(t.dispatcher, near, 0.5);
    const m = await t.mission();
    await t.dispatcher.accept(m.id, near);
    for (const s of ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const) {
      await t.backend.missions.updateStatus(m.id, s);
    }
    await t.timers.runAll();
    expect(t.messenger.sent.filter((x) => x.type === "template")).toHaveLength(0);
  });

  it("sends the delivery code by the delivery_code template to a recipient whose 24-hour window is closed, and to the customer too", async () => {
    const t = setup();
    const m = await t.mission();
    // The recipient never wrote to the number: WhatsApp refuses the session text (131047).
    t.messenger.failNextSend({ code: 131047 });
    await t.dispatcher.sendProofCode(m);
    const toRecipient = t.messenger.to("242068880000");
    expect(toRecipient.map((x) => x.type)).toEqual(["template"]);
    const tpl = toRecipient[0]?.type === "template" ? toRecipient[0].template : undefined;
    expect(tpl?.name).toBe("delivery_code");
    const code = JSON.stringify(tpl).match(/"text":"(\d{4})"/)?.[1];
    expect(code).toMatch(/^\d{4}$/);
    expect(JSON.stringify(tpl)).toContain("Marie");
    // The driver's code check accepts exactly that code.
    expect(t.dispatcher.proofOf(m, { kind: "text", text: code ?? "" })).toEqual({ kind: "code" });
    // The customer, inside his window, gets the same code as text.
    const toCustomer = t.messenger.to("242069990000");
    expect(toCustomer.map((x) => (x.type === "text" ? x.body : x.type)).join()).toContain(`*${code}*`);
  });

  it("sends no delivery_delayed when the notifier's checks rule the template out (paused), and reports it", async () => {
    const skipped: string[] = [];
    let clock = Date.parse("2026-11-19T09:00:00Z");
    const backend = new MemoryBackend({ now: () => clock });
    const messenger = new RecordingMessenger();
    const timers = new ManualJobQueue((ms) => {
      clock += ms;
    });
    const notifier = createNotifier({
      messenger,
      templateHealth: { isUsable: (name) => name !== "delivery_delayed" },
      onTemplateSkipped: (skip) => skipped.push(`${skip.template}:${skip.reason}`),
    });
    const dispatcher = createDispatcher({
      backend,
      store: new MemoryDispatchStore({ now: () => clock }),
      timers,
      messenger,
      notifier,
      now: () => clock,
    });
    await place(dispatcher, near, 0.5);
    const m = await backend.missions.create({
      clientPhone: "242069990000",
      clientName: "Grâce",
      pickup,
      destination,
      parcelValue: 0,
      description: "x",
      recipient: { name: "Marie", phone: "242068880000" },
    });
    await dispatcher.accept(m.id, near);
    await timers.runAll();
    expect(messenger.sent.filter((x) => x.type === "template")).toHaveLength(0);
    expect(skipped).toEqual(["delivery_delayed:template_unusable"]);
  });

  it("refuses bad settings with the field named", () => {
    const t = setup();
    expect(() =>
      createDispatcher({ backend: t.backend, store: t.store, timers: t.timers, messenger: t.messenger, fanOut: 0 }),
    ).toThrow(/fanOut/);
  });
});

describe("Dispatcher proof of delivery", () => {
  it("takes a photo of the parcel or the recipient's code, nothing else", async () => {
    const t = setup();
    const m = await t.mission();
    expect(t.dispatcher.proofOf(m, { kind: "media", mediaType: "image", mediaId: "media-42" })).toEqual({
      kind: "photo",
      mediaId: "media-42",
    });
    expect(t.dispatcher.proofOf(m, { kind: "media", mediaType: "audio", mediaId: "media-43" })).toBeUndefined();
    await t.dispatcher.sendProofCode(m);
    await t.dispatcher.sendProofCode(m);
    const toRecipient = t.messenger.to("242068880000");
    // Sent once, however often the parcel is said to have left.
    expect(toRecipient).toHaveLength(1);
    const code = /\*(\d{4})\*/.exec(toRecipient[0]?.type === "text" ? toRecipient[0].body : "")?.[1] ?? "";
    expect(t.dispatcher.proofOf(m, { kind: "text", text: code })).toEqual({ kind: "code" });
    expect(t.dispatcher.proofOf(m, { kind: "text", text: "livré" })).toBeUndefined();
  });
});

describe("withDispatch", () => {
  it("offers a mission created through it; a cancel through it leaves telling the driver to the cancel flow (once)", async () => {
    const t = setup();
    await place(t.dispatcher, near, 0.5);
    const backend = withDispatch(t.backend, t.dispatcher);
    const m = await backend.missions.create({
      clientPhone: "242069990000",
      pickup,
      destination,
      parcelValue: 0,
      description: "colis",
      recipient: { name: "Marie", phone: "242068880000" },
    });
    expect(offersTo(t.messenger, near.phone)).toHaveLength(1);
    await t.dispatcher.accept(m.id, near);
    const before = t.messenger.to(near.phone).length;
    await backend.missions.updateStatus(m.id, "cancelled");
    expect(t.messenger.to(near.phone)).toHaveLength(before);
  });

  it("retries a reminder whose send failed for another reason (a 5xx) on the queue, and sends it once", async () => {
    const t = setup();
    const m = await t.mission();
    const send = t.messenger.sendText.bind(t.messenger);
    let failures = 1;
    t.messenger.sendText = async (to, body) => {
      if (failures-- > 0) throw Object.assign(new Error("(#131000) Something went wrong"), { retryable: true });
      return send(to, body);
    };
    const pickupAt = "2026-11-20T09:00:00.000Z";
    await withDispatch(t.backend, t.dispatcher).missions.reschedule?.(m.id, pickupAt);
    await t.timers.run(`remind|${m.id}|${Date.parse(pickupAt)}`);
    expect(t.messenger.to("242069990000")).toHaveLength(0);
    const retry = `remind|${m.id}|${Date.parse(pickupAt)}|2`;
    expect(t.timers.scheduled.find((j) => j.key === retry)?.delayMs).toBe(30_000);
    await t.timers.run(retry);
    await t.timers.run(retry); // the retry delivered twice
    const sent = t.messenger.to("242069990000");
    expect(sent.map((x) => (x.type === "text" ? x.body.slice(0, 10) : x.type))).toEqual(["⏰ Rappel :"]);
  });

  it("reminds a rescheduled pickup with the mission_reminder template when the 24-hour window is closed, in French words", async () => {
    const t = setup();
    const m = await t.mission();
    // The customer last wrote days ago: WhatsApp refuses session messages (131047), templates go.
    t.messenger.sendText = async () => {
      throw Object.assign(new Error("(#131047) Re-engagement message"), { code: 131047 });
    };
    const pickupAt = "2026-11-20T09:00:00.000Z";
    await withDispatch(t.backend, t.dispatcher).missions.reschedule?.(m.id, pickupAt);
    const key = `remind|${m.id}|${Date.parse(pickupAt)}`;
    expect(t.timers.scheduled.find((j) => j.key === key)?.delayMs).toBe(
      Date.parse(pickupAt) - 3_600_000 - Date.parse("2026-11-19T09:00:00Z"),
    );
    await t.timers.run(key);
    const sent = t.messenger.to("242069990000");
    expect(sent).toHaveLength(1);
    const template = sent[0]?.type === "template" ? sent[0].template : undefined;
    expect(template?.name).toBe("mission_reminder");
    const text = JSON.stringify(template);
    expect(text).toContain("vendredi 20 novembre à 10 h 00");
    expect(text).toContain("Grâce");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
