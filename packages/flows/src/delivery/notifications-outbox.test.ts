import { WhatsAppApiError } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { createFlowEngine } from "../engine/engine.js";
import { identifyWith } from "../flows/auth/auth-flow.js";
import { builtInFlows } from "../flows/built-in.js";
import type { InboundContent } from "../messaging/inbound.js";
import { createNotifier } from "../notifications/notifier.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";

const CLIENT = "242061234567";
const DRIVER = "242055500001";
const down = () => new WhatsAppApiError({ status: 503, code: 2, message: "Service temporarily unavailable" });
const windowClosed = () => new WhatsAppApiError({ status: 400, code: 131047, message: "Re-engagement message" });

/** A messenger that fails every send to one number while `failing` holds an error factory. */
class FlakyFor extends RecordingMessenger {
  failing: (() => unknown) | undefined;
  constructor(readonly victim: string) {
    super();
    for (const method of ["sendText", "sendContacts", "sendReplyButtons", "sendList"] as const) {
      const original = this[method].bind(this) as (to: string, ...rest: unknown[]) => Promise<{ messageId: string }>;
      (this as unknown as Record<string, unknown>)[method] = (to: string, ...rest: unknown[]) =>
        to === this.victim && this.failing ? Promise.reject(this.failing()) : original(to, ...rest);
    }
  }
}

async function setUp(victim: string) {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  await backend.users.create({ phone: `+${DRIVER}`, name: "Jean Mabiala", role: "livreur" });
  const mission = await backend.missions.create({
    clientPhone: CLIENT,
    clientName: "Aline",
    pickup: { address: "Marché Total, Poto-Poto" },
    destination: { address: "Bacongo" },
    parcelValue: 15000,
    description: "2 pagnes",
    recipient: { name: "Marie", phone: "+242069876543" },
  });
  const messenger = new FlakyFor(victim);
  const engine = createFlowEngine({
    messenger,
    flows: builtInFlows({ backend, notifier: createNotifier({ messenger, backend }) }),
    authFlow: "auth",
    identify: identifyWith(backend),
    delivery: { retryBaseMs: 1, retryMaxMs: 5 },
  });
  let n = 0;
  const driverSays = (message: InboundContent) => engine.handle({ id: `wamid.d${++n}`, from: DRIVER, message });
  const tap = (id: string) => driverSays({ type: "button_reply", replyId: id, title: id });
  return { backend, mission, messenger, engine, driverSays, tap };
}

describe("notifications sent by a step go through the turn's outbox", () => {
  it("reach the customer once after WhatsApp comes back, without holding up the driver's own reply", async () => {
    const { mission, messenger, engine, tap } = await setUp(CLIENT);
    await tap("flow:driver");
    await tap(`mission:${mission.id}`);
    messenger.failing = down;
    const accepted = await tap(`accept:${mission.id}`);
    // The driver's confirmation waits behind the notification in the outbox (order is kept), and
    // nothing reached the customer yet.
    expect(messenger.to(CLIENT)).toHaveLength(0);
    expect(accepted.status).toBe("handled");
    messenger.failing = undefined;
    await expect.poll(() => messenger.to(CLIENT).map((m) => m.type), { timeout: 5_000 }).toEqual(["text", "contacts"]);
    await expect
      .poll(() => JSON.stringify(messenger.to(DRIVER)), { timeout: 5_000 })
      .toContain("Mission COUR-20261121-001 acceptée");
    await engine.whenIdle();
    // Exactly once, even though the first tries failed.
    expect(messenger.to(CLIENT)).toHaveLength(2);
    expect(engine.stats().retries).toBeGreaterThan(0);
  });

  it("fall back to the approved template when the customer's 24-hour window is closed, once", async () => {
    const { mission, messenger, engine, tap } = await setUp(CLIENT);
    await tap("flow:driver");
    await tap(`mission:${mission.id}`);
    messenger.failing = windowClosed;
    await tap(`accept:${mission.id}`);
    await engine.whenIdle();
    const toClient = messenger.to(CLIENT);
    // One template instead of the text, and the contact card dropped with it (the template says it all).
    expect(toClient.map((m) => m.type)).toEqual(["template"]);
    expect(engine.stats().deadLetters).toBe(0);
  });

  it("go out with the turn when nothing fails", async () => {
    const { mission, messenger, engine, tap } = await setUp("nobody");
    await tap("flow:driver");
    await tap(`mission:${mission.id}`);
    await tap(`accept:${mission.id}`);
    await engine.whenIdle();
    expect(messenger.to(CLIENT).map((m) => m.type)).toEqual(["text", "contacts"]);
  });
});
