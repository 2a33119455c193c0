import { BackendError, type HandledInfo } from "@toktok/flows";
import { PaymentsError } from "@toktok/payments";
import { SmartFallbackError } from "@toktok/smart-fallback";
import { WhatsAppError } from "@toktok/whatsapp-client";

/** The part of the analytics a turn is reported to. */
export interface TurnSink {
  trackResponseTime(ms: number): void;
  trackError(error: unknown, context?: Record<string, string | number | boolean | null>): void;
}

/** The error tracked for a failed turn (a step threw: backend down, model error…); the customer got an apology. */
export class TurnFailedError extends Error {
  override name = "TurnFailedError";
}

/**
 * Why a turn failed, from what its step threw: the kind the error is tracked under, and the message
 * top errors group it by. The underlying error's own message is never tracked: it may quote a URL,
 * a phone number or a provider's answer.
 */
const CAUSES = [
  { kind: "backend_error", message: "the backend failed or did not answer", is: (e) => BackendError.isInstance(e) },
  { kind: "send_failed", message: "a WhatsApp send failed", is: (e) => WhatsAppError.isInstance(e) },
  { kind: "model_error", message: "the language model failed", is: (e) => SmartFallbackError.isInstance(e) },
  { kind: "payment_failed", message: "the payment provider failed", is: (e) => PaymentsError.isInstance(e) },
] as const satisfies ReadonlyArray<{ kind: string; message: string; is: (e: unknown) => boolean }>;

/** The kinds a failed turn is tracked under: one per cause, `turn_failed` for any other. */
export const TURN_FAILURE_KINDS = [...CAUSES.map((c) => c.kind), "turn_failed"] as const;

/** The cause of a failed turn: the first matching kind, else `turn_failed`. */
export function turnFailure(error: unknown): { kind: (typeof TURN_FAILURE_KINDS)[number]; message: string } {
  const cause = CAUSES.find((c) => c.is(error));
  return cause ?? { kind: "turn_failed", message: "a step of the conversation failed" };
}

/**
 * The engine's `onHandled`: one response-time observation per customer message, and a failed turn
 * counted as an error whose kind is its cause (backend error or down, send failed, model error,
 * payment failed, else `turn_failed`), so the error rate (errors ÷ messages) is the share of messages that
 * went wrong and the top errors say why. Replies given up on a permanent send error are counted by
 * `onDeadLetter`.
 */
export function trackTurn(analytics: TurnSink): (info: HandledInfo) => void {
  return ({ durationMs, status, userId, error }) => {
    analytics.trackResponseTime(durationMs);
    if (status === "failed") {
      const { kind, message } = turnFailure(error);
      const context: Record<string, string> = { kind, user: userId };
      if (error instanceof Error) context.cause = error.name;
      analytics.trackError(new TurnFailedError(message), context);
    }
  };
}
