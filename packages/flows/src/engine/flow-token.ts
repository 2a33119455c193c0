// A WhatsApp Flow message carries a `flow_token` that comes back in its completion (`nfm_reply`) and
// in every data-exchange request. The session keeps the token of the last form sent, so a completion
// is accepted once and only for the form the conversation is waiting for: a replayed, stale or
// forged answer never reaches a flow (no second mission from one form).
import type { UserInput } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import type { Session } from "../sessions/types.js";

/** The last Flow message among `replies` becomes the session's live form (an older one is no longer valid). */
export function recordFlowToken(session: Session, replies: readonly Reply[]): void {
  for (const reply of replies) if (reply.type === "flow") session.flowToken = reply.flow.flowToken;
}

/**
 * True when `input` completes the session's live form, whose token is then spent; false for a form
 * answer with any other token (unknown, stale or already used).
 */
export function spendFlowToken(session: Session, input: Extract<UserInput, { kind: "form" }>): boolean {
  if (session.flowToken === undefined || input.flowToken !== session.flowToken) return false;
  delete session.flowToken;
  return true;
}
