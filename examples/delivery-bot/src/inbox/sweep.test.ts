// The inbox's periodic sweep (issue 22): one escalation per unanswered wait, idle conversations
// back to the bot. The clock is injected: no waiting in the test.
import { Registry } from "@prometheus-io/client";
import { courierFlow, createFlowEngine, MemoryBackend } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { createLogger } from "@toktok-example/shared";
import { describe, expect, it } from "vitest";
import { MemoryInboxBus } from "./events.ts";
import { HandoffFigures } from "./figures.ts";
import { Inbox, type InboxMessenger } from "./inbox.ts";
import { MemoryInboxStore } from "./memory-inbox-store.ts";

const CUSTOMER = "242061260001";
const MINUTE = 60_000;

function setup() {
  let now = Date.parse("2026-12-05T10:00:00Z");
  const messenger = new RecordingMessenger();
  const bus = new MemoryInboxBus();
  const events: string[] = [];
  bus.subscribe((e) => events.push(e.type));
  const store = new MemoryInboxStore();
  const figures = new HandoffFigures(new Registry(), store);
  let inbox: Inbox | undefined;
  const engine = createFlowEngine({
    messenger,
    flows: [courierFlow({ backend: new MemoryBackend() })],
    now: () => now,
    handoff: { onChange: (c) => inbox?.onChange(c), onInbound: (m, o) => inbox?.onInbound(m, o) },
  });
  if (!engine.handoff) throw new Error("no handoff");
  inbox = new Inbox({
    control: engine.handoff,
    store,
    bus,
    figures,
    messenger: messenger as unknown as InboxMessenger,
    backend: new MemoryBackend(),
    logger: createLogger("silent"),
    now: () => now,
    templates: [],
    escalateAfterMs: 10 * MINUTE,
    idleReleaseMs: 30 * MINUTE,
  });
  return { engine, control: engine.handoff, inbox, events, figures, advance: (ms: number) => (now += ms) };
}

describe("the inbox sweep", () => {
  it("escalates a customer left waiting past the escalation time, once", async () => {
    const { control, inbox, events, figures, advance } = setup();
    await control.request(CUSTOMER, "api");
    advance(9 * MINUTE);
    await inbox.sweep();
    expect(events).not.toContain("escalated");
    advance(2 * MINUTE);
    await inbox.sweep();
    await inbox.sweep();
    expect(events.filter((e) => e === "escalated")).toHaveLength(1);
    expect((await figures.snapshot()).escalations).toBe(1);
  });

  it("hands an operator's idle conversation back to the bot, and not a busy one", async () => {
    const { engine, control, inbox, advance } = setup();
    await control.request(CUSTOMER, "api");
    await control.take(CUSTOMER, { id: "op-awa", firstName: "Awa" });
    const operator = { id: "op-awa", firstName: "Awa", role: "operator" as const };
    advance(20 * MINUTE);
    await engine.handle({ id: "wamid.sweep.1", from: CUSTOMER, message: { type: "text", text: "toujours là ?" } });
    await inbox.send(CUSTOMER, operator, { text: "Oui, je vérifie." });
    advance(20 * MINUTE);
    await inbox.sweep();
    expect(await control.owner(CUSTOMER)).toBe("operator:op-awa");
    advance(11 * MINUTE);
    await inbox.sweep();
    expect(await control.owner(CUSTOMER)).toBe("bot");
  });
});
