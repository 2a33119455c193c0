// The delivery loop through the real flows: drivers go online in "Mes missions" and share their
// position, a new mission is offered to the nearer one first, the first accept wins, the customer
// gets the card, the pin and the ETA, and the driver walks the timeline to the delivery.
import { Analytics } from "@toktok/analytics";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { FeedbackLog } from "../flows/feedback/satisfaction.js";
import { createOrderDelivery, followOrder } from "../flows/merchant/order-delivery.js";
import { createNotifier } from "../notifications/notifier.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger, textOf } from "../testing/recording-messenger.js";
import { createTestConversation } from "../testing/test-conversation.js";
import { createDispatcher } from "./dispatcher.js";
import { driverPositions } from "./driver-positions.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";
import { withDispatch } from "./with-dispatch.js";

const CLIENT = "242061234567";
const NEAR = "242055500011";
const FAR = "242055500012";
const pickup = { address: "Marché Total", latitude: -4.2634, longitude: 15.2832 };
const destination = { address: "Plateau", latitude: -4.2756, longitude: 15.2555 };

async function loop() {
  const start = Date.UTC(2026, 10, 19, 9, 0, 0);
  const clock = { now: start };
  const backend = new MemoryBackend({ now: () => clock.now });
  for (const [phone, name] of [
    [NEAR, "Jean Near"],
    [FAR, "Paul Far"],
  ] as const) {
    await backend.users.create({ phone, name, role: "livreur" });
  }
  const messenger = new RecordingMessenger();
  const notifier = createNotifier({ messenger, backend });
  const timers = new ManualJobQueue((ms) => {
    clock.now += ms;
  });
  const analytics = new Analytics({ now: () => clock.now });
  const store = new MemoryDispatchStore({ now: () => clock.now });
  const dispatcher = createDispatcher({
    analytics,
    backend,
    store,
    timers,
    messenger,
    notifier,
    now: () => clock.now,
    fanOut: 1,
  });
  const dispatching = withDispatch(backend, dispatcher);
  const feedback = new FeedbackLog();
  const chat = createTestConversation({
    messenger,
    flows: builtInFlows({ backend: dispatching, notifier, dispatcher, feedback }),
    authFlow: "auth",
    identify: identifyWith(backend),
    onLocation: driverPositions(dispatcher),
    user: CLIENT,
    startAt: start,
  });
  const newMission = () =>
    dispatching.missions.create({
      clientPhone: CLIENT,
      clientName: "Aline",
      pickup,
      destination,
      parcelValue: 10_000,
      description: "Un carton",
      recipient: { name: "Marie", phone: "242068880000" },
    });
  return { backend, dispatching, messenger, dispatcher, timers, chat, newMission, clock, analytics, feedback, store };
}

const offers = (m: RecordingMessenger, phone: string) =>
  m.to(phone).filter((x) => x.type === "buttons" && x.buttons.some((b) => b.id === "flow:driver"));

/** The nearer driver goes online at the pickup, is offered a new mission and accepts it. */
async function acceptedByNear(chat: Loop["chat"], newMission: Loop["newMission"]) {
  const near = chat.as(NEAR, "Jean");
  await near.send("menu");
  await near.tap("flow:driver");
  await near.shareLocation(pickup.latitude, pickup.longitude);
  const mission = await newMission();
  await near.tap("flow:driver");
  await near.tap(`accept:${mission.id}`);
  return mission;
}
type Loop = Awaited<ReturnType<typeof loop>>;

describe("the delivery loop with dispatch", () => {
  it("offers the nearer driver first; both accept at once, one wins; the winner delivers step by step", async () => {
    const { backend, messenger, chat, newMission, timers, analytics, feedback } = await loop();
    const near = chat.as(NEAR, "Jean");
    const far = chat.as(FAR, "Paul");
    for (const [driver, kmNorth] of [
      [near, 0.5],
      [far, 2.5],
    ] as const) {
      await driver.send("menu");
      const opened = await driver.tap("flow:driver");
      expect(opened.text).toContain("Aujourd'hui : 0 course(s) livrée(s)");
      await driver.shareLocation(pickup.latitude + kmNorth / 111.2, pickup.longitude);
    }

    const mission = await newMission();
    expect(offers(messenger, NEAR)).toHaveLength(1);
    expect(offers(messenger, FAR)).toHaveLength(0);
    // No answer within the timeout: the farther driver is offered it too.
    await timers.run(`offer|${mission.id}|1`);
    expect(offers(messenger, FAR)).toHaveLength(1);

    // Each taps "Voir la course" on the offer: the mission's details with its accept button.
    for (const driver of [near, far]) {
      const details = await driver.tap("flow:driver");
      expect(details.options).toContain(`accept:${mission.id}`);
    }
    const [a, b] = await Promise.all([near.tap(`accept:${mission.id}`), far.tap(`accept:${mission.id}`)]);
    const texts = [a.text, b.text];
    expect(texts.filter((t) => t.startsWith("🎉 Mission"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("acceptée par un autre livreur"))).toHaveLength(1);
    const assigned = await backend.missions.get(mission.id);
    const winner = assigned?.driver?.phone === NEAR ? near : far;

    // The customer: the acceptance with the driver's card, then his pin, then the ETA — no ISO date.
    const toClient = messenger.to(CLIENT).map((x) => x.type);
    expect(toClient).toEqual(["text", "contacts", "location", "text"]);
    const eta = messenger.to(CLIENT).at(-1);
    expect(eta?.type === "text" ? eta.body : "").toMatch(/environ \d+ min \(vers jeudi 19 novembre à \d\d h \d\d\)/);

    const walk = async (statuses: readonly string[], at: { latitude: number; longitude: number }) => {
      for (const status of statuses) {
        await winner.tap(`status:${status}`);
        await winner.shareLocation(at.latitude, at.longitude);
      }
    };
    await walk(["pickup_arrived", "picked_up"], pickup);
    // "Où est mon colis": the timeline, the driver's pin, when it was seen and the ETA to the destination.
    await chat.send("Où est mon colis ?");
    const where = await chat.tap(`track:${assigned?.reference}`);
    expect(where.replies.map((r) => r.type)).toEqual(["text", "location", "text", "text"]);
    expect(where.text).toContain("🔵");
    expect(where.text).toMatch(/Dernière position connue du livreur : jeudi 19 novembre à \d\d h \d\d/);
    expect(where.text).toMatch(/environ \d+ min/);
    await walk(["in_transit", "arrived"], destination);
    // The recipient got the delivery code when the parcel left; "Livré" asks for it (or a photo).
    const codeMessage = messenger
      .to("242068880000")
      .find((x) => x.type === "text" && x.body.includes("Code de livraison"));
    const code = /\*(\d{4})\*/.exec(codeMessage?.type === "text" ? codeMessage.body : "")?.[1] ?? "";
    expect(code).toMatch(/^\d{4}$/);
    const ask = await winner.tap("status:delivered");
    expect(ask.text).toContain("code à 4 chiffres");
    const wrong = await winner.send(code === "0000" ? "1111" : "0000");
    expect(wrong.text).toContain("pas le bon code");
    expect((await backend.missions.get(mission.id))?.status).toBe("arrived");
    const proven = await winner.send(code);
    expect(proven.text).toContain("livrée");
    expect((await backend.missions.get(mission.id))?.status).toBe("delivered");
    // The proof goes on the mission in the backend, as a job of dispatch's queue: the code, at the delivery.
    await timers.runAll();
    const proof = (await backend.missions.get(mission.id))?.proof;
    expect(proof).toEqual({ kind: "code", at: (await backend.missions.get(mission.id))?.history.at(-1)?.at });
    // The delivery is a conversion with its price, and the day's dispatch figures exist.
    expect((await analytics.getSummary()).conversions.byType).toMatchObject({
      mission_completed: { count: 1, revenueXaf: assigned?.price },
    });
    expect(await analytics.qualityScore("2026-11-19")).not.toBeNull();
    // The customer rates it with the buttons sent after the delivery, then comments.
    const reference = assigned?.reference ?? "?";
    const comment = await chat.tap(`feedback:${reference}:good`);
    expect(comment.text).toContain("5/5");
    const thanks = await chat.send("Très rapide, merci");
    expect(thanks.text).toContain("Merci");
    const driverId = assigned?.driver?.id ?? "?";
    expect(feedback.satisfaction()).toEqual({
      count: 1,
      average: 5,
      lowShare: 0,
      byDriver: { [driverId]: { name: assigned?.driver?.name, count: 1, average: 5 } },
    });
    expect(feedback.all()[0]).toMatchObject({ reference, rating: 5, comment: "Très rapide, merci" });
    // His day now counts the delivery and its price.
    await winner.send("menu");
    const day = await winner.tap("flow:driver");
    expect(day.text).toContain("Aujourd'hui : 1 course(s) livrée(s)");
    expect(day.text).toContain(assigned?.reference ?? "?");
  });

  it("the customer cancels after the driver accepted, before the pickup: the driver is told once, the day counts it", async () => {
    const { backend, messenger, chat, newMission, analytics } = await loop();
    const mission = await acceptedByNear(chat, newMission);
    expect((await backend.missions.get(mission.id))?.status).toBe("accepted");
    const before = messenger.to(NEAR).length;

    expect((await chat.send("annuler")).text).toContain(`Voulez-vous annuler *${mission.reference}* ?`);
    expect((await chat.tap("✅ Oui, annuler")).text).toContain(`${mission.reference}* est annulée`);
    expect((await backend.missions.get(mission.id))?.status).toBe("cancelled");
    const toDriver = messenger.to(NEAR).slice(before);
    expect(toDriver).toHaveLength(1);
    expect(toDriver[0]?.type === "text" ? toDriver[0].body : "").toContain(mission.reference);
    expect((await analytics.getDispatch({ from: "2026-11-19", to: "2026-11-19" }))[0]).toMatchObject({ cancelled: 1 });
  });

  it("the customer moves the pickup after the driver accepted: the driver is told the new time in French words", async () => {
    const { backend, messenger, chat, newMission } = await loop();
    const mission = await acceptedByNear(chat, newMission);
    const before = messenger.to(NEAR).length;

    await chat.send("reporter");
    // Thursday 19 November, 10:00 in Brazzaville: "demain à 10h" is Friday 20 at 10:00 (09:00 UTC).
    await chat.send("demain à 10h");
    expect((await chat.tap("✅ Oui, reporter")).text).toContain("vendredi 20 novembre à 10 h 00");
    expect((await backend.missions.get(mission.id))?.scheduledAt).toBe("2026-11-20T09:00:00.000Z");
    const toDriver = messenger.to(NEAR).slice(before);
    expect(toDriver.map((m) => (m.type === "text" ? m.body : m.type))).toEqual([
      `🗓️ Le client a reporté la course ${mission.reference} : retrait le vendredi 20 novembre à 10 h 00.`,
    ]);
  });

  it("a mission moved to tomorrow after acceptance is not late today; late after its new pickup, delivery_delayed goes once", async () => {
    const { backend, messenger, chat, newMission, timers, clock, store } = await loop();
    const mission = await acceptedByNear(chat, newMission);
    const firstLate = timers.scheduled.find((j) => j.key.startsWith(`late|${mission.id}|`));
    expect(firstLate).toBeDefined();

    await chat.send("reporter");
    await chat.send("demain à 10h");
    await chat.tap("✅ Oui, reporter");
    const pickupAt = Date.parse("2026-11-20T09:00:00.000Z");
    expect((await backend.missions.get(mission.id))?.scheduledAt).toBe(new Date(pickupAt).toISOString());
    const templates = () => messenger.to(CLIENT).flatMap((m) => (m.type === "template" ? [m.template.name] : []));

    // Today, past the acceptance's promise and margin: the old job is stale, nothing goes.
    clock.now += 3 * 3_600_000;
    await timers.run(firstLate?.key ?? "");
    await timers.run(`late|${mission.id}`);
    expect(templates()).toEqual([]);

    // The new promise: the ride from the pickup, after the new pickup time.
    const promise = await store.promise(mission.id);
    expect(Date.parse(promise?.dueAt ?? "")).toBeGreaterThan(pickupAt);
    const newLate = timers.scheduled.find((j) => j.key === `late|${mission.id}|${Date.parse(promise?.dueAt ?? "")}`);
    expect(newLate).toBeDefined();
    // Run early (a drifted clock): still nothing.
    clock.now = pickupAt + 60_000;
    await timers.run(newLate?.key ?? "");
    expect(templates()).toEqual([]);

    // Really late: past the new promise by the margin, not picked up — exactly one, even run twice.
    clock.now = Date.parse(promise?.dueAt ?? "") + 10 * 60_000;
    await timers.run(newLate?.key ?? "");
    await timers.run(newLate?.key ?? "");
    expect(templates()).toEqual(["delivery_delayed"]);
  });

  describe("driver presence", () => {
    /** Both drivers online at the pickup, the nearer one first. */
    async function bothOnline(chat: Loop["chat"]) {
      const near = chat.as(NEAR, "Jean");
      const far = chat.as(FAR, "Paul");
      for (const [driver, kmNorth] of [
        [near, 0.5],
        [far, 2.5],
      ] as const) {
        await driver.send("menu");
        await driver.tap("flow:driver");
        await driver.shareLocation(pickup.latitude + kmNorth / 111.2, pickup.longitude);
      }
      return { near, far };
    }

    it("a driver who goes offline (the toggle, or 'hors ligne' typed when idle) gets no offer, opening his missions keeps him offline, 'en ligne' brings offers back", async () => {
      const { messenger, chat, newMission } = await loop();
      const { near } = await bothOnline(chat);
      // The toggle beside the menu's button (no mission to list): he is online, it takes him offline.
      await near.send("menu");
      expect((await near.tap("flow:driver")).options).toContain("driver:offline");
      const paused = await near.tap("driver:offline");
      expect(paused.text).toContain("hors ligne");
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(0);
      expect(offers(messenger, FAR)).toHaveLength(1);

      // Opening "Mes missions" again does not put him back online.
      await near.send("menu");
      const reopened = await near.tap("flow:driver");
      expect(reopened.options).toContain("driver:online");
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(0);

      // Typed while idle.
      await near.send("menu");
      expect((await near.send("En ligne")).text).toContain("Vous êtes *en ligne*");
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(1);
      await near.send("menu");
      expect((await near.send("hors ligne")).text).toContain("Vous êtes *hors ligne*");
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(1);
    });

    it("a driver not seen for longer than presenceTtlMs (2 h) gets no offer until he shares his position again", async () => {
      const { messenger, chat, newMission, clock } = await loop();
      const { near, far } = await bothOnline(chat);
      clock.now += 2 * 3_600_000 + 60_000;
      // Only the farther one showed up since.
      await far.shareLocation(pickup.latitude + 2.5 / 111.2, pickup.longitude);
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(0);
      expect(offers(messenger, FAR)).toHaveLength(1);
      await near.shareLocation(pickup.latitude + 0.5 / 111.2, pickup.longitude);
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(1);
    });

    it("a driver on a mission not delivered yet gets no other offer; once it is cancelled he does again", async () => {
      const { messenger, chat, newMission, dispatching } = await loop();
      const { near } = await bothOnline(chat);
      const first = await newMission();
      await near.tap("flow:driver");
      await near.tap(`accept:${first.id}`);
      const before = offers(messenger, NEAR).length;
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(before);
      expect(offers(messenger, FAR).length).toBeGreaterThan(0);
      await dispatching.missions.updateStatus(first.id, "cancelled");
      await newMission();
      expect(offers(messenger, NEAR)).toHaveLength(before + 1);
    });
  });

  it("a driver's location updates are his position in any step, idle too, never answered; the customer's 'où est mon colis' shows the latest", async () => {
    const { chat, newMission, backend } = await loop();
    const mission = await acceptedByNear(chat, newMission);
    const near = chat.as(NEAR, "Jean");
    // At the status step (buttons, not a location question): recorded, no reply, the step stays.
    const update = await near.shareLocation(-4.2701, 15.2702);
    expect(update.replies).toEqual([]);
    expect((await near.tap("status:pickup_arrived")).text).toContain("Partagez votre position");
    // Where a location is asked for, it answers the question as before.
    expect((await near.shareLocation(pickup.latitude, pickup.longitude)).text).toContain("Statut mis à jour");
    expect((await backend.missions.get(mission.id))?.status).toBe("pickup_arrived");
    // Idle (back to the menu): still recorded, still silent — no menu sent back at each update.
    await near.send("menu");
    const idle = await near.shareLocation(-4.2712, 15.2671);
    expect(idle.replies).toEqual([]);
    await chat.send("Où est mon colis ?");
    const where = await chat.tap(`track:${mission.reference}`);
    const pin = where.replies.find((r) => r.type === "location");
    expect(pin).toMatchObject({ latitude: -4.2712, longitude: 15.2671 });
    // A customer's location is not a driver's: it goes to the conversation as before (here, the menu).
    expect((await chat.shareLocation(-4.25, 15.25)).replies.length).toBeGreaterThan(0);
  });

  it("location updates do not keep a driver's flow alive: past the expiry since his last tap, the flow pauses", async () => {
    const { chat, newMission, backend } = await loop();
    const mission = await acceptedByNear(chat, newMission);
    const near = chat.as(NEAR, "Jean");
    // Live location for two hours, an update every 10 minutes, nothing typed or tapped.
    for (let i = 1; i <= 12; i += 1) {
      chat.advance(10 * 60_000);
      expect((await near.shareLocation(-4.27 + i / 1000, 15.27)).replies).toEqual([]);
    }
    // Every update was recorded as his position…
    await chat.send("Où est mon colis ?");
    const where = await chat.tap(`track:${mission.reference}`);
    expect(where.replies.find((r) => r.type === "location")).toMatchObject({ latitude: -4.258, longitude: 15.27 });
    // …but none counted as activity: his next tap finds the flow paused, like after any long silence.
    const back = await near.tap("status:pickup_arrived");
    expect(back.text).toContain("Cela fait un moment");
    expect((await backend.missions.get(mission.id))?.status).toBe("accepted");
  });

  it("a pending mission moved to tomorrow is offered 30 min before its pickup, not now, and the customer is reminded an hour before", async () => {
    const { backend, messenger, chat, newMission, timers, clock } = await loop();
    const near = chat.as(NEAR, "Jean");
    const far = chat.as(FAR, "Paul");
    for (const [driver, kmNorth] of [
      [near, 0.5],
      [far, 2.5],
    ] as const) {
      await driver.send("menu");
      await driver.tap("flow:driver");
      await driver.shareLocation(pickup.latitude + kmNorth / 111.2, pickup.longitude);
    }
    const mission = await newMission();
    expect(offers(messenger, NEAR)).toHaveLength(1);

    // Thursday 19 November, 10:00 in Brazzaville: "demain à 10h" is Friday 20 at 10:00 (09:00 UTC).
    await chat.send("reporter");
    await chat.send("demain à 10h");
    await chat.tap("✅ Oui, reporter");
    const pickupAt = Date.parse("2026-11-20T09:00:00.000Z");
    expect((await backend.missions.get(mission.id))?.scheduledAt).toBe(new Date(pickupAt).toISOString());
    const deferred = timers.scheduled.find((j) => j.key === `offer|${mission.id}|0|${pickupAt}`);
    const reminder = timers.scheduled.find((j) => j.key === `remind|${mission.id}|${pickupAt}`);
    expect(deferred?.delayMs).toBe(pickupAt - 30 * 60_000 - clock.now);
    expect(reminder?.delayMs).toBe(pickupAt - 60 * 60_000 - clock.now);

    // The wider round planned at creation comes due: too early now, nobody else is offered it.
    await timers.run(`offer|${mission.id}|1`);
    // The deferred offer run early (a clock that drifted, a job run twice): still nothing.
    await timers.run(`offer|${mission.id}|0|${pickupAt}`);
    expect(offers(messenger, NEAR)).toHaveLength(1);
    expect(offers(messenger, FAR)).toHaveLength(0);

    // An hour before the pickup the customer, inside the 24-hour window, gets the reminder as text.
    clock.now = pickupAt - 60 * 60_000;
    const before = messenger.to(CLIENT).length;
    await timers.run(`remind|${mission.id}|${pickupAt}`);
    const reminded = messenger.to(CLIENT).slice(before);
    expect(reminded).toHaveLength(1);
    expect(reminded[0]?.type === "text" ? reminded[0].body : "").toContain(
      `⏰ Rappel : le retrait de votre course ${mission.reference} est prévu le vendredi 20 novembre à 10 h 00`,
    );
    // Half an hour before it, the nearest driver — about again this morning (a driver not seen since
    // yesterday is offered nothing) — is offered it again: the new round counts from zero.
    clock.now = pickupAt - 30 * 60_000;
    await near.shareLocation(pickup.latitude + 0.5 / 111.2, pickup.longitude);
    await timers.run(`offer|${mission.id}|0|${pickupAt}`);
    expect(offers(messenger, NEAR)).toHaveLength(2);
    expect(offers(messenger, FAR)).toHaveLength(0);
    // The reminder job delivered twice (a retried job) reminds once.
    await timers.run(`remind|${mission.id}|${pickupAt}`);
    expect(messenger.to(CLIENT).slice(before)).toHaveLength(1);
  });

  describe("a shop order the customer acts on while it is ready (its delivery out to drivers)", () => {
    /** An order ready at the shop, its delivery mission created through dispatch and accepted by the nearer driver. */
    async function readyOrder(l: Loop) {
      const near = l.chat.as(NEAR, "Jean");
      await near.send("menu");
      await near.tap("flow:driver");
      await near.shareLocation(pickup.latitude, pickup.longitude);
      const order = await l.dispatching.orders.create({
        clientPhone: CLIENT,
        merchantId: "chez-mama-ngudi",
        items: [{ productId: "saka-saka", quantity: 1 }],
        address: { address: "Bacongo" },
        payment: "cash",
      });
      await l.dispatching.orders.updateStatus(order.id, "confirmed");
      const ready = await l.dispatching.orders.updateStatus(order.id, "ready");
      const mission = await createOrderDelivery(l.dispatching, ready);
      await near.tap("flow:driver");
      await near.tap(`accept:${mission.id}`);
      expect((await l.backend.missions.get(mission.id))?.status).toBe("accepted");
      const shop = ((await l.backend.catalogue.merchant("chez-mama-ngudi"))?.phone ?? "?").replace(/\D/g, "");
      return { order, mission, shop };
    }

    it("'annuler' cancels the order and its delivery: the shop and the driver are told once each", async () => {
      const l = await loop();
      const { order, mission, shop } = await readyOrder(l);
      const [toShop, toDriver] = [l.messenger.to(shop).length, l.messenger.to(NEAR).length];
      // The order stands for its delivery: "annuler" is about the order, not the mission it made.
      expect((await l.chat.send("annuler")).text).toContain(`Voulez-vous annuler *${order.reference}* ?`);
      expect((await l.chat.tap("✅ Oui, annuler")).text).toContain(`${order.reference}* est annulée`);
      expect((await l.backend.orders.get(order.id))?.status).toBe("cancelled");
      expect((await l.backend.missions.get(mission.id))?.status).toBe("cancelled");
      expect(l.messenger.to(shop).slice(toShop).map(textOf)).toEqual([
        `❌ Le client a annulé la commande ${order.reference}. Ne la préparez pas.`,
      ]);
      expect(l.messenger.to(NEAR).slice(toDriver).map(textOf)).toEqual([
        `❌ La course ${mission.reference} a été annulée par le client. Ne vous déplacez pas.`,
      ]);
    });

    it("'reporter' moves the order and its delivery: the shop and the driver get the new time in French words", async () => {
      const l = await loop();
      const { order, mission, shop } = await readyOrder(l);
      const [toShop, toDriver] = [l.messenger.to(shop).length, l.messenger.to(NEAR).length];
      expect((await l.chat.send("reporter")).text).toContain(`Pour quand voulez-vous reporter *${order.reference}*`);
      await l.chat.send("demain à 10h");
      expect((await l.chat.tap("✅ Oui, reporter")).text).toContain("vendredi 20 novembre à 10 h 00");
      expect((await l.backend.orders.get(order.id))?.scheduledAt).toBe("2026-11-20T09:00:00.000Z");
      expect((await l.backend.missions.get(mission.id))?.scheduledAt).toBe("2026-11-20T09:00:00.000Z");
      expect(l.messenger.to(shop).slice(toShop).map(textOf)).toEqual([
        `🗓️ Le client a reporté la commande ${order.reference} : livraison souhaitée le vendredi 20 novembre à 10 h 00. Préparez-la pour cette heure-là.`,
      ]);
      expect(l.messenger.to(NEAR).slice(toDriver).map(textOf)).toEqual([
        `🗓️ Le client a reporté la course ${mission.reference} : retrait le vendredi 20 novembre à 10 h 00.`,
      ]);
    });

    it("an order moved to tomorrow while still at the shop gets its delivery at that time: offered shortly before, not when ready", async () => {
      const l = await loop();
      const near = l.chat.as(NEAR, "Jean");
      await near.send("menu");
      await near.tap("flow:driver");
      await near.shareLocation(pickup.latitude, pickup.longitude);
      const order = await l.dispatching.orders.create({
        clientPhone: CLIENT,
        merchantId: "chez-mama-ngudi",
        items: [{ productId: "saka-saka", quantity: 1 }],
        address: { address: "Bacongo" },
        payment: "cash",
      });
      await l.dispatching.orders.updateStatus(order.id, "confirmed");
      await l.chat.send("reporter");
      await l.chat.send("demain à 10h");
      await l.chat.tap("✅ Oui, reporter");
      const ready = await l.dispatching.orders.updateStatus(order.id, "ready");
      const mission = await createOrderDelivery(l.dispatching, ready);
      const pickupAt = Date.parse("2026-11-20T09:00:00.000Z");
      expect(mission.scheduledAt).toBe(new Date(pickupAt).toISOString());
      expect(offers(l.messenger, NEAR)).toHaveLength(0);
      expect(l.timers.scheduled.map((j) => j.key)).toContain(`offer|${mission.id}|0|${pickupAt}`);
      l.clock.now = pickupAt - 30 * 60_000;
      // The driver is about this morning (one not seen since yesterday is offered nothing).
      await l.chat.as(NEAR, "Jean").shareLocation(pickup.latitude, pickup.longitude);
      await l.timers.run(`offer|${mission.id}|0|${pickupAt}`);
      expect(offers(l.messenger, NEAR)).toHaveLength(1);
    });

    it("refuses both once the driver picked the order up", async () => {
      const l = await loop();
      const { order, mission } = await readyOrder(l);
      for (const s of ["pickup_arrived", "picked_up"] as const) {
        const m = await l.backend.missions.updateStatus(mission.id, s);
        await followOrder(l.backend, m, s);
      }
      expect((await l.backend.orders.get(order.id))?.status).toBe("in_delivery");
      expect((await l.chat.send("annuler")).text).toContain(`${order.reference}* ne peut plus être annulée`);
      expect((await l.chat.send("reporter")).text).toContain(`${order.reference}* ne peut plus être reportée`);
    });
  });
});
