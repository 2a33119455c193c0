import { type ConversationOwner, ownershipStateOf } from "../domain.js";
import type { Session } from "../sessions/types.js";

/** Whether a person (an operator, or the one the customer waits for) owns the conversation. */
export const heldByPerson = (session: Pick<Session, "owner"> | undefined): boolean =>
  ownershipStateOf(session?.owner) !== "bot";

/** The session's owner, `bot` when none was ever set. */
export const ownerOf = (session: Pick<Session, "owner"> | undefined): ConversationOwner => session?.owner ?? "bot";
