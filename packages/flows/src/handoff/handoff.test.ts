// Human handoff in the engine (issue 22): who owns a conversation, what the bot may send meanwhile,
// and what reaches the inbox. The delivery-bot tests the same over HTTP, Redis and a real browser.
import { WhatsAppApiError } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { createFlowEngine } from "../engine/engine.js";
import { smartUnderstanding } from "../engine/smart-understanding.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { en } from "../i18n/en.js";
import { fr } from "../i18n/fr.js";
import { ln } from "../i18n/ln.js";
import type { InboundContent, InboundMessage } from "../messaging/inbound.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import { FlakyMessenger } from "../test-support/delivery-doubles.js";
import { RecordingMessenger, textOf } from "../testing/recording-messenger.js";
import type { HandoffChange } from "./types.js";

const CUSTOMER = "242061111111";
let seq = 0;
const msg = (message: InboundContent, from = CUSTOMER): InboundMessage => ({ id: `wamid.h.${++seq}`, from, message });
const text = (body: string) => msg({ type: "text", text: body });

function setup(options: { messenger?: RecordingMessenger; failing?: boolean } = {}) {
  const messenger = options.messenger ?? new RecordingMessenger();
  const store = new MemorySessionStore();
  const inbox: Array<{ id: string; owner: string }> = [];
  const changes: HandoffChange[] = [];
  const backend = new MemoryBackend();
  const engine = createFlowEngine({
    messenger,
    store,
    flows: [courierFlow({ backend })],
    handoff: {
      onInbound: (m, owner) => inbox.push({ id: m.id, owner }),
      onChange: (c) => changes.push(c),
      availability: () => ({ open: true, waitMinutes: 4 }),
    },
  });
  const control = engine.handoff;
  if (!control) throw new Error("handoff control missing");
  return { engine, messenger, store, inbox, changes, control };
}

describe("human handoff", () => {
  it("hands over when the customer asks for a person, tells them the wait, then stays silent", async () => {
    const { engine, messenger, inbox, changes, control } = setup();
    const ask = text("je veux parler à un agent svp");
    const result = await engine.handle(ask);
    expect(result.replies.map(textOf)).toEqual([fr.handoff.waiting(4)]);
    expect(messenger.to(CUSTOMER).map(textOf)).toEqual([fr.handoff.waiting(4)]);
    expect(await control.owner(CUSTOMER)).toBe("waiting");
    expect(changes).toMatchObject([{ kind: "requested", trigger: "asked", userId: CUSTOMER }]);
    expect(inbox).toEqual([{ id: ask.id, owner: "waiting" }]);
  });

  it("sends nothing for any message kind while a person owns it, and every message reaches the inbox", async () => {
    const { engine, messenger, inbox, control } = setup();
    expect(await control.take(CUSTOMER, { id: "op1", firstName: "Awa" })).toEqual({ ok: true, owner: "operator:op1" });
    await engine.whenIdle();
    expect(messenger.to(CUSTOMER).map(textOf)).toEqual([fr.handoff.operatorJoined("Awa")]);
    const kinds: InboundContent[] = [
      { type: "text", text: "menu" },
      { type: "image", id: "media.1" } as InboundContent,
      { type: "location", latitude: -4.26, longitude: 15.28 },
      { type: "audio", id: "media.2", voice: true } as InboundContent,
      { type: "button_reply", replyId: "flow:courier", title: "Envoyer" },
      { type: "document", id: "media.3" } as InboundContent,
    ];
    const inbound = kinds.map((k) => msg(k));
    for (const m of inbound) expect((await engine.handle(m)).replies).toEqual([]);
    expect(messenger.to(CUSTOMER)).toHaveLength(1);
    expect(inbox.map((i) => i.id)).toEqual(inbound.map((m) => m.id));
    expect(inbox.every((i) => i.owner === "operator:op1")).toBe(true);
  });

  it("keeps the rate limit while a person owns the conversation: a flood does not reach the inbox", async () => {
    const inbox: string[] = [];
    let left = 2;
    const engine = createFlowEngine({
      messenger: new RecordingMessenger(),
      flows: [courierFlow({ backend: new MemoryBackend() })],
      rateLimiter: { consume: async () => ({ allowed: left-- > 0, retryAfterMs: 60_000 }) },
      handoff: { onInbound: (m) => inbox.push(m.id) },
    });
    await engine.handoff?.request(CUSTOMER);
    const sent = [text("un"), text("deux"), text("trois")];
    const statuses = [];
    for (const m of sent) statuses.push((await engine.handle(m)).status);
    expect(statuses).toEqual(["handled", "handled", "throttled"]);
    expect(inbox).toEqual(sent.slice(0, 2).map((m) => m.id));
  });

  it("gives one owner when two operators take at once; the other is told who has it", async () => {
    const { control } = setup();
    await control.request(CUSTOMER, "api");
    const [a, b] = await Promise.all([
      control.take(CUSTOMER, { id: "op1", firstName: "Awa" }),
      control.take(CUSTOMER, { id: "op2", firstName: "Jean" }),
    ]);
    const winners = [a, b].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const loser = [a, b].find((r) => !r.ok);
    expect(loser).toEqual({ ok: false, reason: "taken", owner: winners[0]?.owner });
    // An admin may reassign on purpose.
    const moved = await control.take(CUSTOMER, { id: "op3", firstName: "Grace" }, { reassign: true });
    expect(moved).toEqual({ ok: true, owner: "operator:op3" });
  });

  it("drops a reply decided before the takeover and not sent yet: it never arrives late", async () => {
    const messenger = new FlakyMessenger();
    const { engine, control, store } = setup({ messenger });
    // Graph is down: the bot's menu stays in the outbox.
    const restore = messenger.failFor(CUSTOMER, new WhatsAppApiError({ status: 503, code: 0, message: "down" }));
    await engine.handle(text("bonjour"));
    expect((await store.load(CUSTOMER))?.session.outbox?.length).toBeGreaterThan(0);
    restore();
    await control.take(CUSTOMER, { id: "op1", firstName: "Awa" });
    await engine.handle(text("allô ?"));
    await control.release(CUSTOMER);
    await engine.handle(text("merci"));
    const texts = messenger.to(CUSTOMER).map(textOf);
    // The operator's notice and the hand-back, then the bot's answer to "merci": never the old menu.
    expect(texts[0]).toBe(fr.handoff.operatorJoined("Awa"));
    expect(texts[1]).toBe(fr.handoff.backToBot);
    expect(texts.filter((t) => t === fr.handoff.operatorJoined("Awa"))).toHaveLength(1);
    expect(engine.stats().suppressed).toBeGreaterThan(0);
    expect(await control.owner(CUSTOMER)).toBe("bot");
  });

  it("hands back once: the customer hears it in their language, then the bot answers again", async () => {
    const { engine, messenger, control, changes } = setup();
    await engine.handle(text("english"));
    await engine.handle(text("I want to talk to a human"));
    await control.take(CUSTOMER, { id: "op1", firstName: "Awa" });
    expect(await control.release(CUSTOMER, "delivered")).toEqual({ ok: true, owner: "bot" });
    expect(await control.release(CUSTOMER, "delivered")).toEqual({ ok: false, reason: "not_held", owner: "bot" });
    await engine.whenIdle();
    const texts = messenger.to(CUSTOMER).map(textOf);
    expect(texts.filter((t) => t === en.handoff.backToBot)).toHaveLength(1);
    expect(texts).toContain(en.handoff.operatorJoined("Awa"));
    expect(changes.at(-1)).toMatchObject({ kind: "released", reason: "delivered", operatorId: "op1" });
    expect((await engine.handle(text("menu"))).replies.length).toBeGreaterThan(0);
  });

  it("hands over after three not-understood turns in a row", async () => {
    const { engine, control, changes } = setup();
    await engine.handle(text("bonjour"));
    for (const word of ["blablabla", "xyzzy qwerty", "hmmmm zzz"]) await engine.handle(text(word));
    expect(await control.owner(CUSTOMER)).toBe("waiting");
    expect(changes).toMatchObject([{ kind: "requested", trigger: "not_understood" }]);
  });

  it("hands over after a failed turn: the apology, then the wait", async () => {
    const messenger = new RecordingMessenger();
    const changes: HandoffChange[] = [];
    const engine = createFlowEngine({
      messenger,
      flows: [courierFlow({ backend: new MemoryBackend() })],
      // A reader that breaks: the turn fails.
      nlu: {
        ...smartUnderstanding,
        detectIntent: () => {
          throw new Error("reader down");
        },
      },
      handoff: { onChange: (c) => changes.push(c), availability: () => ({ open: true, waitMinutes: 2 }) },
    });
    const result = await engine.handle(text("bonjour"));
    expect(result.status).toBe("failed");
    expect(messenger.to(CUSTOMER).map(textOf)).toEqual([fr.engine.technicalError, fr.handoff.waiting(2)]);
    expect(changes).toMatchObject([{ kind: "requested", trigger: "failed_turn" }]);
    expect(await engine.handoff?.owner(CUSTOMER)).toBe("waiting");
  });

  it("says when operators are back when none is available, in Lingala", async () => {
    const messenger = new RecordingMessenger();
    const engine = createFlowEngine({
      messenger,
      flows: [courierFlow({ backend: new MemoryBackend() })],
      handoff: { availability: () => ({ open: false, opensAt: "08:00" }) },
    });
    await engine.handle(text("lingala"));
    const result = await engine.handle(text("nalingi kosolola na moto"));
    expect(result.replies.map(textOf)).toEqual([ln.handoff.noOperator("08:00")]);
  });

  it("refuses a bad handoff option with the field named", () => {
    expect(() =>
      createFlowEngine({
        messenger: new RecordingMessenger(),
        flows: [courierFlow({ backend: new MemoryBackend() })],
        handoff: { maxMisses: -1 },
      }),
    ).toThrow(/handoff\.maxMisses/);
  });
});
