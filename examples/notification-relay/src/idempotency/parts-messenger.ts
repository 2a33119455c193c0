import { createHash } from "node:crypto";
import type { Messenger, SentMessage } from "@toktok/flows";

/** The sends the notifier makes; `markAsRead` is not a part of a notification. */
const SENDS = [
  "sendText",
  "sendReplyButtons",
  "sendList",
  "sendImage",
  "sendLocationRequest",
  "sendContacts",
  "sendTemplate",
] as const satisfies ReadonlyArray<keyof Messenger>;
type Send = (typeof SENDS)[number];

/** Options of {@link createPartsMessenger}. */
export interface PartsMessengerOptions {
  /** Parts an earlier attempt sent: part key → message id (from the store's claim). */
  sent: Readonly<Record<string, string>>;
  /** Records a part as soon as WhatsApp accepted it; a rejection stops the sends that follow. */
  record(part: string, messageId: string): Promise<void>;
  /** Throws when this worker may not send any more (lease lost, store away). Called before each send. */
  check(): void;
}

/** A {@link Messenger} that sends each part of one event's notification at most once. */
export interface PartsMessenger extends Messenger {
  /** Parts sent by this attempt / answered from an earlier attempt's record. */
  readonly counts: { sent: number; reused: number };
  /** Why the sends stopped (the first error of `check` or `record`), if they did. */
  readonly stopped: unknown;
}

/**
 * The part key of a send: its kind (method), a short hash of the recipient (no phone number in
 * Redis) and its rank among the sends of that kind to that recipient for this event.
 *
 * It assumes what the notifier of `@toktok/flows` does: for one event (same payload, locale and
 * templates) it sends the same messages in the same order, one after the other. Keying by kind and
 * recipient rather than by the global rank keeps the keys stable when an attempt's failure changes
 * the sequence: a failed text makes the notifier skip the rest of that recipient's messages (or
 * send a template instead), which shifts the global ranks of the recipients after it, not their own.
 */
export function partKey(method: Send, to: string, rank: number): string {
  const who = createHash("sha256").update(to.replace(/\D/g, "")).digest("hex").slice(0, 12);
  return `${method}:${who}:${rank}`;
}

/**
 * Wraps the real messenger for one event: a part already recorded is answered with its recorded
 * message id and not sent again; a part sent now is recorded before the next send starts.
 * Once a check or a record fails, every later send rejects with that error (the notifier goes on
 * to its next recipient after a failure: it must not send there either).
 */
export function createPartsMessenger(inner: Messenger, options: PartsMessengerOptions): PartsMessenger {
  const ranks = new Map<string, number>();
  const counts = { sent: 0, reused: 0 };
  let stopped: { error: unknown } | undefined;

  const send = async (method: Send, to: string, call: () => Promise<SentMessage>): Promise<SentMessage> => {
    const series = `${method}:${to.replace(/\D/g, "")}`;
    const rank = ranks.get(series) ?? 0;
    ranks.set(series, rank + 1);
    const key = partKey(method, to, rank);
    const recorded = options.sent[key];
    if (recorded !== undefined) {
      counts.reused += 1;
      return { messageId: recorded };
    }
    if (stopped) throw stopped.error;
    try {
      options.check();
    } catch (error) {
      stopped = { error };
      throw error;
    }
    const result = await call();
    counts.sent += 1;
    try {
      await options.record(key, result.messageId);
    } catch (error) {
      stopped = { error };
      throw error;
    }
    return result;
  };

  return {
    counts,
    get stopped() {
      return stopped?.error;
    },
    sendText: (to, ...args) => send("sendText", to, () => inner.sendText(to, ...args)),
    sendReplyButtons: (to, ...args) => send("sendReplyButtons", to, () => inner.sendReplyButtons(to, ...args)),
    sendList: (to, ...args) => send("sendList", to, () => inner.sendList(to, ...args)),
    sendImage: (to, ...args) => send("sendImage", to, () => inner.sendImage(to, ...args)),
    sendLocationRequest: (to, ...args) => send("sendLocationRequest", to, () => inner.sendLocationRequest(to, ...args)),
    sendContacts: (to, ...args) => send("sendContacts", to, () => inner.sendContacts(to, ...args)),
    sendTemplate: (to, ...args) => send("sendTemplate", to, () => inner.sendTemplate(to, ...args)),
  } satisfies Record<Send, unknown> & PartsMessenger;
}
