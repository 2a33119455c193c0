import type { ConversationOwner, HandoffTrigger } from "@toktok/flows";

/** Who wrote a line of a conversation: the customer, the bot's handoff, an operator (their id). */
export type Author = "customer" | "bot" | `operator:${string}`;

/** One line of a conversation as the inbox shows it (inbound, operator replies, internal notes). */
export interface InboxEntry {
  /** The WhatsApp message id (`wamid.…`), or a note's id. */
  id: string;
  /** Epoch ms. */
  at: number;
  author: Author;
  /** `text`, `image`, `document`, `location`, `audio`, `button_reply`, `template`, `note`… */
  kind: string;
  /** What it says (a caption, a button's title, a template's name), when it says anything. */
  text?: string;
  /** A media link an operator sent, or an inbound media id. */
  media?: string;
  /** A location's coordinates. */
  location?: { latitude: number; longitude: number };
  /** An internal note: never sent to the customer. */
  note?: true;
}

/** The inbox's own facts about one conversation, beside the session's owner. */
export interface ConversationMeta {
  waId: string;
  /** The customer's WhatsApp profile name, when known. */
  name?: string;
  /** Epoch ms of the customer's last message: the 24-hour window runs from here. */
  lastInboundAt?: number;
  /** Epoch ms of the last line, any author. */
  lastAt: number;
  /** The handoff being handled: its trigger and start, and the first operator answer. */
  trigger?: HandoffTrigger;
  since?: number;
  firstResponseAt?: number;
}

/** A conversation in the inbox's lists: its meta with its owner. */
export interface ConversationSummary extends ConversationMeta {
  owner: ConversationOwner;
  /** The last line's text, for the list. */
  preview?: string;
}

/**
 * Where the inbox keeps conversations (lines and meta): `MemoryInboxStore` for one process,
 * `RedisInboxStore` so every bot process and the dashboard share them.
 */
export interface InboxStore {
  /** Adds a line (kept to the last {@link MAX_LINES}) and moves the conversation up the list. */
  append(waId: string, entry: InboxEntry): Promise<void>;
  /** The conversation's lines, oldest first. */
  lines(waId: string): Promise<InboxEntry[]>;
  /** Merges fields into the conversation's meta (`null` clears a field). */
  updateMeta(waId: string, fields: Partial<Record<keyof Omit<ConversationMeta, "waId">, unknown>>): Promise<void>;
  meta(waId: string): Promise<ConversationMeta | undefined>;
  /** Conversations the inbox knows, most recent first. */
  recent(limit: number): Promise<string[]>;
  /** Adds to the handoff figures' counters (shared by every process on the store). */
  addCounts(increments: Readonly<Record<string, number>>): Promise<void>;
  /** The handoff figures' counters, as {@link addCounts} left them. */
  counts(): Promise<Record<string, number>>;
  /**
   * Claims the escalation of the wait that started at `since`: true for the first caller only, in
   * every process, so an unanswered customer is escalated once however many processes sweep.
   */
  claimEscalation(waId: string, since: number): Promise<boolean>;
}

/** Lines kept per conversation. */
export const MAX_LINES = 500;
