// The customer's marketing choice in the conversation: the opt-in question asked once after a first
// order, the "OFFRES" and "STOP" words, and the answer buttons. Without a consent book (`marketing`
// option) none of this runs and "stop" stays only the cancel command it was.
import type { Catalogue } from "../i18n/catalogue-type.js";
import type { UserInput } from "../messaging/inbound.js";
import { encodePayload, payloadValue } from "../messaging/payloads.js";
import type { Reply } from "../messaging/reply.js";
import type { MarketingConsentBook, MarketingConsentSource } from "../notifications/marketing-consent.js";
import { normalizeWords } from "./commands.js";

/** What a typed word asks: stop marketing, or receive it. */
export type MarketingWord = "stop" | "opt_in";

// Exact messages only (after normalizeWords: case, accents and punctuation dropped), so an address or
// a comment that merely contains "promo" is never read as a choice.
const words = new Map<string, MarketingWord>([
  ...["stop", "stop pub", "stop pubs", "stop promo", "stop promos", "stop offres", "stop publicite"].map(
    (w) => [w, "stop"] as const,
  ),
  ...["arret", "arreter", "arret pub", "stop marketing", "unsubscribe"].map((w) => [w, "stop"] as const),
  ...["offres", "offre", "promos", "promo", "promotions", "offers", "mes offres", "je veux les offres"].map(
    (w) => [w, "opt_in"] as const,
  ),
]);

/** The marketing choice a typed message expresses, if it is one of the words above. */
export function detectMarketingWord(input: UserInput): MarketingWord | undefined {
  return input.kind === "text" ? words.get(normalizeWords(input.text)) : undefined;
}

/** The answer a tapped button of the question carries (`marketing:yes`), at any time. */
export function marketingButton(input: UserInput): "yes" | "no" | undefined {
  return input.kind === "choice" ? payloadValue(input.id, "marketing") : undefined;
}

/** Conversions after which the question is asked: a delivery request or an order was just placed. */
const askAfter: ReadonlySet<string> = new Set(["courier", "order"]);

/** True when the question should follow this completion: the user's choice is still unknown. */
export function shouldAskMarketing(
  book: MarketingConsentBook | undefined,
  userId: string,
  conversion: string | undefined,
): boolean {
  return !!book && conversion !== undefined && askAfter.has(conversion) && book.consentOf(userId) === undefined;
}

/** The question, with its own buttons (their ids are read at any time, not only as the pending answer). */
export function marketingQuestion(t: Catalogue): Reply {
  return {
    type: "buttons",
    body: t.engine.marketingQuestion,
    buttons: [
      { id: encodePayload("marketing", "yes"), title: t.engine.buttons.marketingYes },
      { id: encodePayload("marketing", "no"), title: t.engine.buttons.marketingNo },
    ],
  };
}

/** Records the user's choice and returns the confirmation to say. */
export function recordMarketing(
  book: MarketingConsentBook,
  userId: string,
  optedIn: boolean,
  source: MarketingConsentSource,
  now: number,
  t: Catalogue,
  typedStop = false,
): string {
  book.record({ waId: userId, state: optedIn ? "opted_in" : "stopped", at: new Date(now), source });
  if (optedIn) return t.engine.marketingOptedIn;
  return typedStop ? t.engine.marketingStopped : t.engine.marketingDeclined;
}
