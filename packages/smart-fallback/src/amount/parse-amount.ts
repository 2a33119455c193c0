import type { CountryCode } from "libphonenumber-js/max";
import { resolveCountry } from "../phone/country.js";
import { findPhones } from "../phone/find-phones.js";
import { fold } from "../text/fold.js";
import { type AmountCandidate, type AmountEvidence, findAmountCandidates } from "./find-amounts.js";

/** The amount chosen in a text, with how sure we are. */
export interface AmountReading {
  value: number | undefined;
  confidence: number;
  evidence: AmountEvidence | undefined;
  /** Every value the text could mean as money (used to check an LLM's answer). */
  derivable: number[];
}

const RANK: Record<AmountEvidence, number> = {
  currency: 6,
  cue: 5,
  scale: 4,
  words: 3,
  bare: 2,
  article: 1,
  excluded: 0,
};

/** Masks phone numbers so their digits never become an amount. */
export function maskPhones(text: string, country: CountryCode): string {
  const { matches } = findPhones(text, country);
  if (matches.length === 0) return text;
  let out = "";
  let last = 0;
  for (const m of matches) {
    out += `${text.slice(last, m.start)}|${" ".repeat(Math.max(0, m.end - m.start - 1))}`;
    last = m.end;
  }
  return out + text.slice(last);
}

function confidenceOf(c: AmountCandidate): number {
  switch (c.evidence) {
    case "currency":
      return 0.97;
    case "cue":
      return 0.92;
    case "scale":
      return 0.9;
    case "words":
      return c.value >= 100 ? 0.85 : 0.6;
    case "bare":
      return c.value >= 1000 ? 0.8 : c.value >= 100 ? 0.65 : 0.5;
    case "article":
      return 0.3;
    default:
      return 0;
  }
}

/**
 * Chooses the amount among candidates. In a free message ("message" mode) a small bare
 * number ("Moungali 3") is not money; when the user answers "how much?" ("field" mode) it is.
 */
export function readAmount(maskedText: string, mode: "message" | "field"): AmountReading {
  const candidates = findAmountCandidates(fold(maskedText));
  let best: AmountCandidate | undefined;
  let rejectedSmall = false;
  for (const c of candidates) {
    if (c.evidence === "excluded") continue;
    // Small numbers without a currency or cue ("un coursier", "Trois Martyrs") are not money in a free message.
    if (
      mode === "message" &&
      (c.evidence === "bare" || c.evidence === "words" || c.evidence === "article") &&
      c.value < 100
    ) {
      rejectedSmall = true;
      continue;
    }
    if (mode === "message" && c.value === 0) continue;
    if (best === undefined || RANK[c.evidence] > RANK[best.evidence]) best = c;
  }
  const derivable = candidates.filter((c) => c.evidence !== "excluded").map((c) => c.value);
  if (best === undefined) {
    // Certain absence when the text holds no loose number at all.
    return { value: undefined, confidence: rejectedSmall ? 0.75 : 0.95, evidence: undefined, derivable };
  }
  let confidence =
    mode === "field" && best.evidence !== "article" ? Math.max(confidenceOf(best), 0.9) : confidenceOf(best);
  // Two competing money-looking values lower the confidence unless one carries a currency.
  const rivals = candidates.filter(
    (c) => c !== best && c.evidence !== "excluded" && c.value !== best.value && c.value >= 100,
  );
  if (rivals.length > 0 && best.evidence !== "currency") confidence = Math.min(confidence, 0.6);
  return { value: best.value, confidence, evidence: best.evidence, derivable };
}

/**
 * Reads an amount in XAF from free text: digits (`5000`, `5 000`, `5.000`, `7.500 f cfa`),
 * shorthands (`5k`, `5 mille`, `2,5 millions`) and French words (`deux mille cinq cents`).
 * Phone numbers, house numbers, quantities and weights are never read as the amount.
 * @example
 * parseAmount("c'est 5k"); // 5000
 * parseAmount("deux mille cinq cents F"); // 2500
 * parseAmount("3 sacs de 5kg"); // undefined
 */
export function parseAmount(text: string, options: { defaultCountry?: CountryCode } = {}): number | undefined {
  const country = resolveCountry(options.defaultCountry);
  if (typeof text !== "string" || text.length === 0) return undefined;
  return readAmount(maskPhones(text, country), "field").value;
}
