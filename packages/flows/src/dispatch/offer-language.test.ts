// Each driver reads his offer — and its collect line — in his own language (his session's), whatever the
// customer writes; a driver who chose none reads the dispatcher's configured one (issue 18).
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import { createNotifier } from "../notifications/notifier.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import { sessionLocales } from "../sessions/session-locales.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger, textOf } from "../testing/recording-messenger.js";
import { createTestConversation } from "../testing/test-conversation.js";
import { createDispatcher } from "./dispatcher.js";
import { driverPositions } from "./driver-positions.js";
import { MemoryDispatchStore } from "./memory-dispatch-store.js";
import { withDispatch } from "./with-dispatch.js";

const CLIENT = "242061234567";
const ENGLISH = "242055500021";
const FRENCH = "242055500022";
const pickup = { address: "Marché Total", latitude: -4.2634, longitude: 15.2832 };
const destination = { address: "Plateau", latitude: -4.2756, longitude: 15.2555 };

async function bot(withLanguages: boolean) {
  const start = Date.UTC(2026, 10, 19, 9, 0, 0);
  const clock = { now: start };
  const backend = new MemoryBackend({ now: () => clock.now });
  await backend.users.create({ phone: ENGLISH, name: "John Rider", role: "livreur" });
  await backend.users.create({ phone: FRENCH, name: "Jean Livreur", role: "livreur" });
  const messenger = new RecordingMessenger();
  const notifier = createNotifier({ messenger, backend });
  const sessions = new MemorySessionStore();
  const dispatcher = createDispatcher({
    backend,
    store: new MemoryDispatchStore({ now: () => clock.now }),
    timers: new ManualJobQueue((ms) => {
      clock.now += ms;
    }),
    messenger,
    notifier,
    now: () => clock.now,
    fanOut: 2,
    ...(withLanguages ? { localeOf: sessionLocales(sessions) } : {}),
  });
  const dispatching = withDispatch(backend, dispatcher);
  const chat = createTestConversation({
    messenger,
    store: sessions,
    flows: builtInFlows({ backend: dispatching, notifier, dispatcher }),
    authFlow: "auth",
    identify: identifyWith(backend),
    onLocation: driverPositions(dispatcher),
    user: CLIENT,
    startAt: start,
  });
  return { messenger, chat, dispatching };
}

/** The offers a driver got: their texts. */
const offersTo = (messenger: RecordingMessenger, phone: string) =>
  messenger
    .to(phone)
    .filter((m) => m.type === "buttons" && m.buttons.some((b) => b.id === "flow:driver"))
    .map((m) => ({ text: textOf(m), button: m.type === "buttons" ? m.buttons[0]?.title : undefined }));

describe("offers in each driver's language", () => {
  it("an English-speaking driver reads the offer in English while the customer writes French", async () => {
    const { messenger, chat, dispatching } = await bot(true);
    const english = chat.as(ENGLISH, "John");
    expect((await english.send("english")).text).toBe("What would you like to do?");
    const french = chat.as(FRENCH, "Jean");
    for (const driver of [english, french]) {
      await driver.send("menu");
      await driver.tap("flow:driver");
      await driver.shareLocation(pickup.latitude, pickup.longitude);
    }
    // The customer writes French: the mission is his, in French.
    expect((await chat.send("bonjour")).text).toContain("Bienvenue");
    const mission = await dispatching.missions.create({
      clientPhone: CLIENT,
      clientName: "Aline",
      pickup,
      destination,
      parcelValue: 10_000,
      description: "Un carton",
      recipient: { name: "Marie", phone: "242068880000" },
    });

    const [toEnglish] = offersTo(messenger, ENGLISH);
    expect(toEnglish?.text).toContain(`New job ${mission.reference}`);
    expect(toEnglish?.text).toContain("Collect in cash");
    expect(toEnglish?.button).toBe("See the job");
    const [toFrench] = offersTo(messenger, FRENCH);
    expect(toFrench?.text).toContain(`Nouvelle course ${mission.reference}`);
    expect(toFrench?.text).toContain("À encaisser en espèces");
    expect(toFrench?.button).toBe("Voir la course");
  });

  it("without localeOf, every driver reads the configured language", async () => {
    const { messenger, chat, dispatching } = await bot(false);
    const english = chat.as(ENGLISH, "John");
    await english.send("english");
    await english.send("menu");
    await english.tap("flow:driver");
    await english.shareLocation(pickup.latitude, pickup.longitude);
    await dispatching.missions.create({
      clientPhone: CLIENT,
      pickup,
      destination,
      parcelValue: 10_000,
      description: "Un carton",
      recipient: { name: "Marie", phone: "242068880000" },
    });
    expect(offersTo(messenger, ENGLISH)[0]?.text).toContain("Nouvelle course");
  });
});
