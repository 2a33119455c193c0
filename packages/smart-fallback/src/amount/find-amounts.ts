import { ADDRESS_BEFORE, CURRENCY, MONEY_CUES, PHONE_BEFORE, STREET_AFTER, UNIT_AFTER } from "./amount-lexicon.js";
import { type AmountToken, amountTokens } from "./amount-tokens.js";
import { isNumberToken, readNumberRun } from "./read-number-run.js";

/** Why a number was or was not read as money. */
export type AmountEvidence = "currency" | "scale" | "cue" | "words" | "bare" | "article" | "excluded";

/** One number found in the text and how it was judged. */
export interface AmountCandidate {
  value: number;
  evidence: AmountEvidence;
  /** Why it was excluded: "unit", "street", "address", "time". */
  excludedBy?: "unit" | "street" | "address" | "time" | "phone";
}

function wordAt(tokens: readonly AmountToken[], index: number): string | undefined {
  const t = tokens[index];
  return t?.kind === "word" ? t.text : undefined;
}

function breakAt(tokens: readonly AmountToken[], index: number): string | undefined {
  const t = tokens[index];
  return t?.kind === "break" ? t.text : undefined;
}

// Tokens after a run: "f cfa" is two words, and "f." or "F)" are common.
function currencyAround(tokens: readonly AmountToken[], from: number, to: number): boolean {
  const next = wordAt(tokens, to);
  if (next !== undefined && CURRENCY.has(next)) return true;
  // "XAF 45000", "FCFA 5000": currency written first (a lone "f" before a number is too ambiguous).
  const prev = wordAt(tokens, from - 1);
  return prev !== undefined && prev !== "f" && CURRENCY.has(prev);
}

function cueBefore(tokens: readonly AmountToken[], from: number): boolean {
  // Look back a few words: "le prix c'est 5000", "montant : 5000", "payer à la livraison 5000".
  for (let k = from - 1, seen = 0; k >= 0 && seen < 4; k--) {
    const t = tokens[k] as AmountToken;
    if (t.kind === "digits") return false;
    if (t.kind === "word") {
      seen++;
      if (MONEY_CUES.has(t.text)) return true;
    }
  }
  return false;
}

function exclusion(tokens: readonly AmountToken[], from: number, to: number): AmountCandidate["excludedBy"] {
  // "0612345" is a (broken) phone number: amounts are never written with a leading zero.
  const first = tokens[from];
  if (first?.kind === "digits" && first.leadingZero) return "phone";
  const next = wordAt(tokens, to);
  if (next !== undefined) {
    if (UNIT_AFTER.has(next)) return "unit";
    if (STREET_AFTER.has(next)) return "street";
  }
  const nextBreak = breakAt(tokens, to);
  const prevBreak = breakAt(tokens, from - 1);
  if (nextBreak === "%") return "time";
  // "10:30", "12/05": a figure on either side of ":" or "/" is a time or a date ("montant: 6.500" is not).
  if ((nextBreak === ":" || nextBreak === "/") && tokens[to + 1]?.kind === "digits") return "time";
  if ((prevBreak === ":" || prevBreak === "/") && tokens[from - 2]?.kind === "digits") return "time";
  if (prevBreak === "°" || prevBreak === "#") return "address";
  const prev = wordAt(tokens, from - 1);
  if (prev !== undefined && ADDRESS_BEFORE.has(prev)) return "address";
  if (prev !== undefined && PHONE_BEFORE.has(prev)) return "phone";
  return undefined;
}

/**
 * Reads every number of a folded, phone-masked text and classifies it. The caller decides
 * which candidate is "the" amount.
 */
export function findAmountCandidates(folded: string): AmountCandidate[] {
  const tokens = amountTokens(folded);
  const out: AmountCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isNumberToken(tokens[i])) continue;
    const run = readNumberRun(tokens, i);
    if (run.to === i) continue;
    i = run.to - 1;
    const currency = currencyAround(tokens, run.from, run.to);
    const excludedBy = currency ? timeOnly(tokens, run.from, run.to) : exclusion(tokens, run.from, run.to);
    if (excludedBy !== undefined) {
      out.push({ value: run.value, evidence: "excluded", excludedBy });
      continue;
    }
    let evidence: AmountEvidence;
    if (currency) evidence = "currency";
    // "un billet de 10000", "c'est un peu cher": the article counts only when nothing better is there.
    else if (run.article) evidence = "article";
    else if (cueBefore(tokens, run.from)) evidence = "cue";
    else if (run.hasScale) evidence = "scale";
    else if (run.hasWords) evidence = "words";
    else evidence = "bare";
    out.push({ value: run.value, evidence });
  }
  return out;
}

// With a currency or a scale the number is money even after "au" or "n°"… but "5000 f/jour" is not a time.
function timeOnly(tokens: readonly AmountToken[], from: number, to: number): AmountCandidate["excludedBy"] {
  const prevBreak = breakAt(tokens, from - 1);
  const nextBreak = breakAt(tokens, to);
  if (prevBreak === ":" && nextBreak === ":") return "time";
  return undefined;
}
