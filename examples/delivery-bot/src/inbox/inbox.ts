import {
  type ConversationOwner,
  type HandoffChange,
  type HandoffControl,
  type InboundMessage,
  isOutsideWindowError,
  operatorOf,
  ownershipStateOf,
  type TokTokBackend,
} from "@toktok/flows";
import type { WhatsAppClient } from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";
import type { InboxRefusalCode } from "../dashboard-api/error-codes.ts";
import { type CaseInfo, caseOf } from "./case-info.ts";
import type { InboxBus, InboxEvent } from "./events.ts";
import type { HandoffFigures } from "./figures.ts";
import type { Operator } from "./operator-auth.ts";
import type { ConversationSummary, InboxEntry, InboxStore } from "./types.ts";
import { windowOpen } from "./window.ts";

/** What an operator sends: free text, an image or a document (by link), an approved template, or a note. */
export type OperatorMessage =
  | { text: string }
  | { image: { link: string; caption?: string } }
  | { document: { link: string; filename?: string; caption?: string } }
  | { template: { name: string; language: string } }
  | { note: string };

/** Why the inbox refused a request: the HTTP layer maps each to its status. */
export class InboxRefusal extends Error {
  readonly status: 404 | 409 | 422;
  readonly code: InboxRefusalCode;
  readonly owner: ConversationOwner | undefined;
  constructor(status: InboxRefusal["status"], code: InboxRefusal["code"], message: string, owner?: ConversationOwner) {
    super(message);
    this.name = "InboxRefusal";
    this.status = status;
    this.code = code;
    this.owner = owner;
  }
}

/** The messenger the inbox sends through: the bot's WhatsApp client. */
export type InboxMessenger = Pick<WhatsAppClient, "sendText" | "sendImage" | "sendDocument" | "sendTemplate">;

/** What {@link Inbox} works with. */
export interface InboxDeps {
  control: HandoffControl;
  store: InboxStore;
  bus: InboxBus;
  figures: HandoffFigures;
  messenger: InboxMessenger;
  backend: TokTokBackend;
  logger: Logger;
  now?: () => number;
  /** Templates operators may send outside the 24-hour window (approved by Meta). */
  templates: ReadonlyArray<{ name: string; language: string }>;
  /** Waiting longer than this unanswered raises an escalation. */
  escalateAfterMs: number;
  /** An operator's conversation idle this long goes back to the bot. */
  idleReleaseMs: number;
}

const messageText = (m: InboundMessage["message"]): string | undefined => {
  const c = m as { type: string; text?: unknown; title?: unknown; caption?: unknown; name?: unknown };
  for (const v of [c.text, c.title, c.caption, c.name]) if (typeof v === "string" && v !== "") return v;
  return undefined;
};

/**
 * The operator inbox: records every message of the conversations people own, tells the dashboards
 * (SSE), and carries out what operators do — take, reply (checked against ownership and the 24-hour
 * window), note, message the driver or merchant of the case, hand back — with the figures.
 */
export class Inbox {
  readonly #d: InboxDeps;
  readonly #now: () => number;

  constructor(deps: InboxDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** `handoff.onInbound` of the engine: a customer's message of a conversation a person owns. */
  async onInbound(message: InboundMessage, owner: ConversationOwner): Promise<void> {
    const at = message.timestamp?.getTime() ?? this.#now();
    const m = message.message as { type: string; latitude?: number; longitude?: number; id?: string };
    const entry: InboxEntry = { id: message.id, at, author: "customer", kind: m.type };
    const text = messageText(message.message);
    if (text !== undefined) entry.text = text.slice(0, 4096);
    if (typeof m.latitude === "number" && typeof m.longitude === "number")
      entry.location = { latitude: m.latitude, longitude: m.longitude };
    if (typeof m.id === "string") entry.media = m.id;
    await this.#d.store.append(message.from, entry);
    await this.#d.store.updateMeta(message.from, { lastInboundAt: at, name: message.contactName });
    await this.#publish({ type: "message", waId: message.from, owner, at });
  }

  /** `handoff.onChange` of the engine: ownership moved (from a turn, an API call, another process). */
  async onChange(change: HandoffChange): Promise<void> {
    const { store, figures } = this.#d;
    if (change.kind === "requested") {
      await figures.handoff(change.trigger);
      await store.updateMeta(change.userId, { trigger: change.trigger, since: change.at, firstResponseAt: null });
      await this.#publish({ type: "waiting", waId: change.userId, owner: "waiting", at: change.at });
    } else if (change.kind === "taken") {
      await this.#publish({
        type: "taken",
        waId: change.userId,
        owner: `operator:${change.operatorId}`,
        at: change.at,
      });
    } else {
      if (change.operatorId) await figures.resolved(change.operatorId, change.at - change.since);
      await store.updateMeta(change.userId, { trigger: null, since: null, firstResponseAt: null });
      await store.append(change.userId, {
        id: `release:${change.at}`,
        at: change.at,
        author: "bot",
        kind: "released",
        text: change.reason,
      });
      await this.#publish({ type: "released", waId: change.userId, owner: "bot", at: change.at });
    }
  }

  /** Conversations for the list: `waiting`, `mine` (the operator's), or `all` the inbox knows. */
  async list(state: "waiting" | "mine" | "all", operator: Operator): Promise<ConversationSummary[]> {
    const out: ConversationSummary[] = [];
    for (const waId of await this.#d.store.recent(200)) {
      const owner = await this.#d.control.owner(waId);
      if (state === "waiting" && owner !== "waiting") continue;
      if (state === "mine" && owner !== `operator:${operator.id}`) continue;
      const meta = await this.#d.store.meta(waId);
      if (!meta) continue;
      const last = (await this.#d.store.lines(waId)).at(-1);
      out.push({ ...meta, owner, ...(last?.text ? { preview: last.text.slice(0, 120) } : {}) });
    }
    return out;
  }

  /** One conversation: its lines, owner, window and the mission or order beside it. */
  async detail(waId: string): Promise<{
    conversation: ConversationSummary;
    messages: InboxEntry[];
    windowOpen: boolean;
    templates: ReadonlyArray<{ name: string; language: string }>;
    case: CaseInfo | null;
  }> {
    const meta = await this.#d.store.meta(waId);
    if (!meta) throw new InboxRefusal(404, "not_found", `no conversation with ${waId} in the inbox`);
    const owner = await this.#d.control.owner(waId);
    let info: CaseInfo | undefined;
    try {
      info = await caseOf(this.#d.backend, waId);
    } catch (error) {
      // The chat stays usable while the backend is away; the side panel says so by being empty.
      this.#d.logger.warn("inbox: case lookup failed", { error: String(error) });
    }
    return {
      conversation: { ...meta, owner },
      messages: await this.#d.store.lines(waId),
      windowOpen: windowOpen(meta.lastInboundAt, this.#now()),
      templates: this.#d.templates,
      case: info ?? null,
    };
  }

  /** Takes the conversation (atomic across processes); `reassign` is for admins. */
  async take(waId: string, operator: Operator, reassign: boolean): Promise<ConversationOwner> {
    if (!(await this.#d.store.meta(waId))) await this.#d.store.updateMeta(waId, { lastAt: this.#now() });
    const result = await this.#d.control.take(waId, operator, { reassign: reassign && operator.role === "admin" });
    if (!result.ok) throw new InboxRefusal(409, "taken", `the conversation is owned by ${result.owner}`, result.owner);
    return result.owner;
  }

  /** Hands the conversation back to the bot (its owner, or an admin). */
  async release(waId: string, operator: Operator): Promise<void> {
    const owner = await this.#d.control.owner(waId);
    if (ownershipStateOf(owner) === "bot")
      throw new InboxRefusal(409, "not_held", "the bot owns this conversation", owner);
    if (operatorOf(owner) !== operator.id && operator.role !== "admin" && owner !== "waiting") {
      throw new InboxRefusal(409, "not_owner", `the conversation is owned by ${owner}`, owner);
    }
    const result = await this.#d.control.release(waId, "operator");
    if (!result.ok) throw new InboxRefusal(409, "not_held", "the bot owns this conversation", result.owner);
  }

  /** Hands a conversation a backend or the dashboard flags (a stuck mission) to a person. */
  async request(waId: string): Promise<ConversationOwner> {
    const result = await this.#d.control.request(waId, "api");
    if (!result.ok) throw new InboxRefusal(409, "taken", `the conversation is owned by ${result.owner}`, result.owner);
    return result.owner;
  }

  /**
   * Sends an operator's message to the customer (or records a note). Only the owner may write;
   * outside the 24-hour window only an approved template goes (422 otherwise, nothing sent).
   */
  async send(waId: string, operator: Operator, message: OperatorMessage): Promise<InboxEntry> {
    const { store, messenger, figures } = this.#d;
    const meta = await store.meta(waId);
    if (!meta) throw new InboxRefusal(404, "not_found", `no conversation with ${waId} in the inbox`);
    const now = this.#now();
    const author = `operator:${operator.id}` as const;
    if ("note" in message) {
      const entry: InboxEntry = {
        id: `note:${now}:${operator.id}`,
        at: now,
        author,
        kind: "note",
        text: message.note,
        note: true,
      };
      await store.append(waId, entry);
      await this.#publish({ type: "message", waId, owner: await this.#d.control.owner(waId), at: now });
      return entry;
    }
    const owner = await this.#d.control.owner(waId);
    if (owner !== author)
      throw new InboxRefusal(409, "not_owner", `take the conversation first (owner: ${owner})`, owner);
    if (!("template" in message) && !windowOpen(meta.lastInboundAt, now)) {
      throw new InboxRefusal(
        422,
        "window_closed",
        "the customer's last message is more than 24 hours old: WhatsApp delivers only an approved template now",
      );
    }
    let sent: { messageId: string };
    let entry: Omit<InboxEntry, "id">;
    try {
      if ("text" in message) {
        sent = await messenger.sendText(waId, message.text);
        entry = { at: now, author, kind: "text", text: message.text };
      } else if ("image" in message) {
        sent = await messenger.sendImage(waId, message.image);
        entry = {
          at: now,
          author,
          kind: "image",
          media: message.image.link,
          ...(message.image.caption ? { text: message.image.caption } : {}),
        };
      } else if ("document" in message) {
        sent = await messenger.sendDocument(waId, message.document);
        entry = {
          at: now,
          author,
          kind: "document",
          media: message.document.link,
          text: message.document.filename ?? message.document.caption ?? "",
        };
      } else {
        const template = this.#d.templates.find(
          (t) => t.name === message.template.name && t.language === message.template.language,
        );
        if (!template)
          throw new InboxRefusal(
            422,
            "window_closed",
            `template: "${message.template.name}" (${message.template.language}) is not an approved template`,
          );
        sent = await messenger.sendTemplate(waId, template);
        entry = { at: now, author, kind: "template", text: template.name };
      }
    } catch (error) {
      if (isOutsideWindowError(error)) {
        throw new InboxRefusal(
          422,
          "window_closed",
          "WhatsApp refused free text: the 24-hour window is closed, send an approved template",
        );
      }
      throw error;
    }
    const line: InboxEntry = { id: sent.messageId, ...entry };
    await store.append(waId, line);
    await figures.message(operator.id, line.kind);
    if (meta.since !== undefined && meta.firstResponseAt === undefined) {
      await figures.firstResponse(operator.id, now - meta.since);
      await store.updateMeta(waId, { firstResponseAt: now });
    }
    await this.#publish({ type: "message", waId, owner, at: now });
    return line;
  }

  /** Messages the driver or the merchant of the conversation's case, from the same screen. */
  async contact(waId: string, operator: Operator, to: "driver" | "merchant", text: string): Promise<InboxEntry> {
    const info = await caseOf(this.#d.backend, waId);
    const who = to === "driver" ? info?.driver : info?.merchant;
    if (!who || who.phone === "") throw new InboxRefusal(422, "no_contact", `${to}: the case has none`);
    let sent: { messageId: string };
    try {
      sent = await this.#d.messenger.sendText(who.phone.replace(/^\+/, ""), text);
    } catch (error) {
      if (isOutsideWindowError(error))
        throw new InboxRefusal(422, "window_closed", `${to}: their 24-hour window is closed`);
      throw error;
    }
    const now = this.#now();
    const line: InboxEntry = {
      id: sent.messageId,
      at: now,
      author: `operator:${operator.id}`,
      kind: `to_${to}`,
      text: `→ ${who.name}: ${text}`,
    };
    await this.#d.store.append(waId, line);
    await this.#d.figures.message(operator.id, `to_${to}`);
    await this.#publish({ type: "message", waId, owner: await this.#d.control.owner(waId), at: now });
    return line;
  }

  /**
   * The periodic sweep: a customer waiting unanswered past `escalateAfterMs` raises one escalation
   * (event, metric, warning log), once across processes (claimed in the store); an operator's conversation idle past `idleReleaseMs` goes back to the bot.
   */
  async sweep(): Promise<void> {
    const now = this.#now();
    for (const waId of await this.#d.store.recent(200)) {
      const owner = await this.#d.control.owner(waId);
      const meta = await this.#d.store.meta(waId);
      if (!meta || ownershipStateOf(owner) === "bot") continue;
      if (
        meta.firstResponseAt === undefined &&
        meta.since !== undefined &&
        now - meta.since >= this.#d.escalateAfterMs
      ) {
        if (await this.#d.store.claimEscalation(waId, meta.since)) {
          await this.#d.figures.escalated();
          this.#d.logger.warn("inbox: a customer waits unanswered", {
            minutes: Math.floor((now - meta.since) / 60_000),
          });
          await this.#publish({ type: "escalated", waId, owner, at: now });
        }
      }
      if (ownershipStateOf(owner) === "operator" && now - meta.lastAt >= this.#d.idleReleaseMs) {
        await this.#d.control.release(waId, "idle");
      }
    }
  }

  /** The mission or order was delivered: its customer goes back to the bot (one message). */
  async delivered(customer: string): Promise<void> {
    if (ownershipStateOf(await this.#d.control.owner(customer)) === "bot") return;
    await this.#d.control.release(customer, "delivered");
  }

  async #publish(event: InboxEvent): Promise<void> {
    try {
      await this.#d.bus.publish(event);
    } catch (error) {
      this.#d.logger.warn("inbox: event not published", { error: String(error) });
    }
  }
}
