import { createFlowEngine, type FlowEngine, type FlowEngineOptions, type HandleResult } from "../engine/engine.js";
import type { InboundContent, InboundMessage } from "../messaging/inbound.js";
import { optionsOf, type RecordedMessage, RecordingMessenger, textOf } from "./recording-messenger.js";

/** Options of {@link createTestConversation}: the engine's, with the messenger and clock provided. */
export interface TestConversationOptions extends Omit<FlowEngineOptions, "messenger" | "now"> {
  /** Records the replies; pass your own to share it with a notifier. Default: a new one. */
  messenger?: RecordingMessenger;
  /** WhatsApp ID of the simulated user. Default `242061234567`. */
  user?: string;
  /** WhatsApp profile name of the simulated user. */
  contactName?: string;
  /** Start time of the simulated clock, epoch ms. Default 2026-11-21T09:00:00Z. */
  startAt?: number;
}

/** What the bot answered to one simulated message. */
export interface TurnTranscript {
  status: HandleResult["status"];
  /** The messages sent back, in order. */
  replies: RecordedMessage[];
  /** All their texts joined by blank lines, handy for `toContain`. */
  text: string;
  /** Ids of the buttons and list rows offered. */
  options: string[];
}

/** A simulated WhatsApp user talking to an engine. */
export interface TestConversation {
  /** Sends a text message. */
  send(text: string, options?: { id?: string }): Promise<TurnTranscript>;
  /** Taps a button or list row, by id or by title, offered in an earlier reply. */
  tap(idOrTitle: string, options?: { id?: string }): Promise<TurnTranscript>;
  /** Shares a GPS location. */
  shareLocation(
    latitude: number,
    longitude: number,
    extra?: { name?: string; address?: string; id?: string },
  ): Promise<TurnTranscript>;
  /** Delivers any inbound content (images, unsupported types…). */
  deliver(message: InboundContent, options?: { id?: string }): Promise<TurnTranscript>;
  /** Moves the simulated clock forward. */
  advance(ms: number): void;
  /** The same engine seen from another WhatsApp user. */
  as(user: string, contactName?: string): TestConversation;
  /** Everything sent to this user so far. */
  readonly history: RecordedMessage[];
  /** The text of the last message sent to this user. */
  readonly lastText: string;
  readonly engine: FlowEngine;
  readonly messenger: RecordingMessenger;
}

interface Shared {
  engine: FlowEngine;
  messenger: RecordingMessenger;
  clock: { now: number };
  ids: { n: number };
}

/**
 * Drives flows like a WhatsApp user would and records the replies — for testing your own flows.
 * @example
 * const chat = createTestConversation({ flows: builtInFlows({ backend: new MemoryBackend() }) });
 * await chat.send("Je veux envoyer un colis");
 * const turn = await chat.shareLocation(-4.2634, 15.2429);
 * expect(turn.text).toContain("Étape 2/6");
 */
export function createTestConversation(options: TestConversationOptions): TestConversation {
  const { user, contactName, startAt, messenger: given, ...engineOptions } = options;
  const messenger = given ?? new RecordingMessenger();
  const clock = { now: startAt ?? Date.UTC(2026, 10, 21, 9, 0, 0) };
  const engine = createFlowEngine({ ...engineOptions, messenger, now: () => clock.now });
  return conversation({ engine, messenger, clock, ids: { n: 0 } }, user ?? "242061234567", contactName);
}

function conversation(shared: Shared, user: string, contactName: string | undefined): TestConversation {
  const { engine, messenger, clock } = shared;
  const deliver = async (message: InboundContent, id?: string): Promise<TurnTranscript> => {
    shared.ids.n += 1;
    const inbound: InboundMessage = {
      id: id ?? `wamid.in.${shared.ids.n}`,
      from: user,
      timestamp: new Date(clock.now),
      ...(contactName === undefined ? {} : { contactName }),
      message,
    };
    const result = await engine.handle(inbound);
    const sentIds = new Set(result.sent.map((s) => s.messageId));
    const replies = messenger.sent.filter((m) => sentIds.has(m.messageId));
    return {
      status: result.status,
      replies,
      text: replies.map(textOf).join("\n\n"),
      options: replies.flatMap((r) => optionsOf(r).map((o) => o.id)),
    };
  };
  const self: TestConversation = {
    send: (text, o) => deliver({ type: "text", text }, o?.id),
    tap: (idOrTitle, o) => {
      const offered = messenger
        .to(user)
        .flatMap(optionsOf)
        .reverse()
        .find((opt) => opt.id === idOrTitle || opt.title === idOrTitle);
      if (!offered) {
        return Promise.reject(
          new Error(`tap("${idOrTitle}"): no button or list row with this id or title was offered`),
        );
      }
      const isList = messenger.to(user).some((m) => m.type === "list" && optionsOf(m).includes(offered));
      return deliver(
        { type: isList ? "list_reply" : "button_reply", replyId: offered.id, title: offered.title },
        o?.id,
      );
    },
    shareLocation: (latitude, longitude, extra = {}) => {
      const { id, ...place } = extra;
      return deliver({ type: "location", latitude, longitude, ...place }, id);
    },
    deliver: (message, o) => deliver(message, o?.id),
    advance: (ms) => {
      clock.now += ms;
    },
    as: (other, name) => conversation(shared, other, name),
    get history() {
      return messenger.to(user);
    },
    get lastText() {
      const last = messenger.to(user).at(-1);
      return last ? textOf(last) : "";
    },
    engine,
    messenger,
  };
  return self;
}
