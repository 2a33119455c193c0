import { AsyncLocalStorage } from "node:async_hooks";
import type { TemplateMessage } from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";

/** A message a step asked to send to someone else (a notification), kept for the turn's outbox. */
export interface CapturedSend {
  to: string;
  reply: Reply;
  /** Sent instead when WhatsApp answers that the recipient's 24-hour window is closed. */
  fallback?: TemplateMessage;
  /** Dropped without a word when the window is closed: an earlier part's template already said it. */
  dropIfWindowClosed?: true;
}

const currentTurn = new AsyncLocalStorage<CapturedSend[]>();

/**
 * Runs `fn` as a turn: notifications its steps send (through a notifier) are captured instead of
 * sent, so they are committed with the session and sent from the outbox — once, with retries —
 * like the turn's own replies.
 */
export function runCapturing<T>(captured: CapturedSend[], fn: () => Promise<T>): Promise<T> {
  return currentTurn.run(captured, fn);
}

/**
 * Inside a turn, keeps the sends for its outbox and returns true; outside one, returns false. The
 * sends may be given as a function, then built only inside a turn (the notifier's choice of a
 * fallback template logs and counts what it rules out, which must happen once).
 */
export function captureSends(sends: readonly CapturedSend[] | (() => readonly CapturedSend[])): boolean {
  const captured = currentTurn.getStore();
  if (!captured) return false;
  captured.push(...(typeof sends === "function" ? sends() : sends));
  return true;
}
