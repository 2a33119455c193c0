import { WhatsAppApiError, WhatsAppError } from "@toktok/whatsapp-client";

/** What a failed send means for the outbox. */
export type SendFailure =
  /** Try again later: after `afterMs` when the server said so (`Retry-After`), else after a backoff. */
  | { kind: "retry"; afterMs?: number; unknown?: true }
  /** The request may have been processed (timeout or reset after it went out): see the ambiguous policy. */
  | { kind: "ambiguous" }
  /** It will never succeed (a closed 24-hour window, a blocked number, an invalid message). */
  | { kind: "permanent" };

/**
 * Reads a send error. WhatsApp client errors say whether they are `retryable` and whether the
 * outcome is `ambiguous`; an error that says `retryable` is taken at its word; any other error
 * (a messenger we do not know) is retried, flagged `unknown` so the outbox can bound its tries.
 */
export function classifySendFailure(error: unknown): SendFailure {
  if (typeof error === "object" && error !== null && (error as { ambiguous?: unknown }).ambiguous === true) {
    return { kind: "ambiguous" };
  }
  if (WhatsAppError.isInstance(error)) {
    if (!error.retryable) return { kind: "permanent" };
    const afterMs = WhatsAppApiError.isInstance(error) ? error.retryAfterMs : undefined;
    return afterMs === undefined ? { kind: "retry" } : { kind: "retry", afterMs };
  }
  const retryable =
    typeof error === "object" && error !== null ? (error as { retryable?: unknown }).retryable : undefined;
  if (retryable === false) return { kind: "permanent" };
  return retryable === true ? { kind: "retry" } : { kind: "retry", unknown: true };
}
