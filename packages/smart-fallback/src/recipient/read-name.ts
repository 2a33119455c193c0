import { PLACE_MARK } from "../address/extract-address.js";
import { SCALE_WORDS, UNIT_WORDS } from "../amount/french-words.js";
import { capitalizeWords } from "../text/fold.js";
import type { WordToken } from "../text/tokenize.js";
import { COMMON_WORDS } from "./common-words.js";
import { NOT_NAMES, STRONG_CUES, TITLES, WEAK_CUES } from "./recipient-lexicon.js";

/**
 * How a name may be typed where it is read: `"caps"` only capitalised words ("pour Jean"),
 * `"lower"` also lower-case words that are not everyday words ("chez marie claire", "pr marie 06…").
 */
export type NameCase = "caps" | "lower";

export function between(text: string, a: WordToken, b: WordToken): string {
  return text.slice(a.end, b.start);
}

/** Only spaces separate the two tokens (no punctuation): checked without slicing the text. */
function spacesBetween(text: string, a: WordToken, b: WordToken): boolean {
  if (b.start <= a.end) return false;
  for (let k = a.end; k < b.start; k++) if (text.charCodeAt(k) !== 32) return false;
  return true;
}

export function isCapitalised(t: WordToken): boolean {
  const c = t.raw.charAt(0);
  return c !== c.toLowerCase();
}

/** "deux", "mille", "dix-sept", "quatre-vingt": a number word, never a name. */
function isNumberWord(folded: string): boolean {
  const head = folded.includes("-") ? (folded.split("-")[0] as string) : folded;
  return UNIT_WORDS.has(head) || SCALE_WORDS.has(head);
}

function isNameWord(t: WordToken, used: Uint8Array, i: number, placesAreNames = false): boolean {
  const mark = used[i];
  if (
    (mark && !(placesAreNames && mark === PLACE_MARK)) ||
    NOT_NAMES.has(t.folded) ||
    isNumberWord(t.folded) ||
    TITLES.has(t.folded)
  )
    return false;
  if (STRONG_CUES.has(t.folded) || WEAK_CUES.has(t.folded)) return false;
  // Letters only (with inner hyphen/apostrophe): "Jean-Paul", "N'Goma"; no digits.
  return /^\p{L}[\p{L}'’-]*$/u.test(t.raw) && t.raw.length >= 2;
}

/** A lower-case word can be a name only when it is no everyday word ("pour demain", "pona ngai"). */
function isLowerNameWord(t: WordToken): boolean {
  return !COMMON_WORDS.has(t.folded);
}

/** The name read so far ends here: end of text, punctuation, a phone, a place, a number or an everyday word. */
export function endsAtBoundary(text: string, tokens: readonly WordToken[], end: number, used: Uint8Array): boolean {
  const next = tokens[end];
  if (!next || used[end]) return true;
  if (!spacesBetween(text, tokens[end - 1] as WordToken, next)) return true;
  const c = next.folded.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  const w = next.folded;
  return COMMON_WORDS.has(w) || NOT_NAMES.has(w) || STRONG_CUES.has(w) || isNumberWord(w);
}

/**
 * A lower-case word at `i` continues a name only if the run of lower-case name words from it
 * reaches a boundary within `limit`: "chez marie claire 06…" is one name, "chez marie habite…" is not.
 */
function lowerRunEnds(text: string, tokens: readonly WordToken[], i: number, limit: number, used: Uint8Array): boolean {
  for (let j = i; j < limit && j < tokens.length; j++) {
    const t = tokens[j] as WordToken;
    if (j > i && !spacesBetween(text, tokens[j - 1] as WordToken, t)) return false;
    const particle = j > i && (t.folded === "de" || t.folded === "du");
    if (!particle && (!isNameWord(t, used, j) || !isLowerNameWord(t))) return false;
    if (!particle && endsAtBoundary(text, tokens, j + 1, used)) return true;
  }
  return false;
}

/** Reads up to three name words from `from`; "Jean de Dieu" keeps its particle. Returns the end index. */
export function readName(
  text: string,
  tokens: readonly WordToken[],
  from: number,
  used: Uint8Array,
  nameCase: NameCase,
  placesAreNames = false,
): number {
  let end = from;
  const limit = from + 4;
  for (let i = from; i < tokens.length && i < limit; i++) {
    const t = tokens[i] as WordToken;
    if (i > from && !spacesBetween(text, tokens[i - 1] as WordToken, t)) break;
    if (i > from && (t.folded === "de" || t.folded === "du")) {
      const next = tokens[i + 1];
      const capitalParticle = next !== undefined && isCapitalised(next) && isNameWord(next, used, i + 1);
      const lowerParticle =
        nameCase === "lower" && next !== undefined && lowerRunEnds(text, tokens, i + 1, limit, used);
      if (capitalParticle || lowerParticle) continue;
    }
    if (!isNameWord(t, used, i, placesAreNames)) break;
    if (!isCapitalised(t)) {
      if (nameCase === "caps" || !isLowerNameWord(t)) break;
      if (i > from && !lowerRunEnds(text, tokens, i, limit, used)) break;
    }
    end = i + 1;
  }
  return end;
}

/** The name as written in a contact list: "MARIE" and "marie" → "Marie", "jean de dieu" → "Jean de Dieu". */
export function nameText(text: string, tokens: readonly WordToken[], from: number, to: number): string {
  let raw = text.slice((tokens[from] as WordToken).start, (tokens[to - 1] as WordToken).end).replace(/\s+/g, " ");
  // Names typed in capitals ("CHEZ ROSE") are written the usual way.
  if (raw.length > 2 && raw === raw.toUpperCase()) raw = raw.toLowerCase();
  return capitalizeWords(raw).replace(/ (De|Du) /g, (w) => w.toLowerCase());
}
