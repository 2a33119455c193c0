import type { OutboxEntry } from "../delivery/types.js";
import type { Catalogue } from "../i18n/catalogue-type.js";
import type { Locale, Session } from "../sessions/types.js";
import type { HandoffAvailability } from "./types.js";

/** The texts and language a session's handoff notices are written in. */
export interface NoticeTexts {
  catalogues: Record<Locale, Catalogue>;
  defaultLocale: Locale;
}

/** The handoff texts in the session's language. */
export const handoffTexts = (texts: NoticeTexts, session: Pick<Session, "locale">): Catalogue["handoff"] =>
  texts.catalogues[session.locale ?? texts.defaultLocale].handoff;

/** What the customer is told when they start waiting: the expected wait, or when operators are back. */
export function waitingText(texts: NoticeTexts, session: Pick<Session, "locale">, now: HandoffAvailability): string {
  const t = handoffTexts(texts, session);
  return now.open ? t.waiting(now.waitMinutes) : t.noOperator(now.opensAt);
}

/**
 * An outbox entry of the handoff itself ("an agent answers you", "back to the bot"): flagged so the
 * send-time ownership check lets it through, and due at once for any drain.
 */
export const noticeEntry = (id: string, body: string): OutboxEntry => ({
  id,
  kind: "reply",
  reply: { type: "text", body },
  handoff: true,
  attempts: 0,
  notBefore: 0,
});
