import type { HandledInfo } from "@toktok/flows";

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
 * The engine's `onHandled`: one response-time observation per customer message, and a failed turn
 * counted as an error of kind `turn_failed`, so the error rate (errors ÷ messages) is the share of
 * messages that went wrong. Replies given up on a permanent send error are counted by `onDeadLetter`.
 */
export function trackTurn(analytics: TurnSink): (info: HandledInfo) => void {
  return ({ durationMs, status, userId }) => {
    analytics.trackResponseTime(durationMs);
    if (status === "failed") {
      analytics.trackError(new TurnFailedError("a step of the conversation failed"), {
        kind: "turn_failed",
        user: userId,
      });
    }
  };
}
