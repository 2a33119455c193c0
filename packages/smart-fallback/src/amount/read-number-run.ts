import { CURRENCY, STREET_AFTER, UNIT_AFTER } from "./amount-lexicon.js";
import type { AmountToken } from "./amount-tokens.js";
import { FRACTION_WORDS, SCALE_WORDS, UNIT_WORDS } from "./french-words.js";

/** A maximal sequence of number tokens and what it adds up to. */
export interface NumberRun {
  value: number;
  /** Index of the first and one-past-last token of the run. */
  from: number;
  to: number;
  /** The run used a word number ("cinq cents") or a scale ("5 mille", "5k"). */
  hasWords: boolean;
  hasScale: boolean;
  /** The run is one bare integer written in digits. */
  bareDigits: boolean;
  /** The run is only the article "un"/"une" ("un billet", "un peu"): a number only when nothing better is there. */
  article: boolean;
}

const MILLION = 1_000_000;

// Every word that can start or continue a number, for a single lookup per word of the message.
const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...UNIT_WORDS.keys(),
  ...SCALE_WORDS.keys(),
  ...FRACTION_WORDS.keys(),
]);

export function isNumberWord(token: AmountToken | undefined): boolean {
  if (token?.kind !== "word") return false;
  return NUMBER_WORDS.has(token.text) || (token.glued && token.text === "m");
}

function isNumberToken(token: AmountToken | undefined): boolean {
  return token?.kind === "digits" || isNumberWord(token);
}

function wordOf(token: AmountToken | undefined): string | undefined {
  return token?.kind === "word" ? token.text : undefined;
}

/** "2,5M", "3M FCFA": an "m" glued to a figure and not followed by a word (so not "2,5m de tissu"). */
function isGluedMillion(token: AmountToken | undefined, next: AmountToken | undefined): boolean {
  if (token?.kind !== "word" || token.text !== "m" || !token.glued) return false;
  const w = wordOf(next);
  return w === undefined || CURRENCY.has(w);
}

function scaleOf(tokens: readonly AmountToken[], i: number): number | undefined {
  const t = tokens[i];
  if (t?.kind !== "word") return undefined;
  if (isGluedMillion(t, tokens[i + 1])) return MILLION;
  // "k" only after a figure: "5k", "5 k" (a lone "k" is a letter).
  if (t.text === "k" && tokens[i - 1]?.kind !== "digits") return undefined;
  return SCALE_WORDS.get(t.text);
}

/** Index of the scale a fraction applies to ("demi-million", "quart de million"), or -1. */
function fractionTarget(tokens: readonly AmountToken[], i: number): number {
  let k = i + 1;
  const w = wordOf(tokens[k]);
  if (w === "de" || w === "d") k++;
  const s = scaleOf(tokens, k);
  return s !== undefined && s >= 1000 ? k : -1;
}

/** Figures after a scale belong to it ("2 mille 500") unless they count something ("5 mille 2 colis"). */
function digitsContinueAfterScale(tokens: readonly AmountToken[], i: number, lastScale: number): boolean {
  const t = tokens[i];
  if (t?.kind !== "digits" || t.leadingZero || t.decimals !== "" || t.value >= lastScale) return false;
  const next = wordOf(tokens[i + 1]);
  if (next !== undefined && (UNIT_AFTER.has(next) || STREET_AFTER.has(next))) return false;
  const nextBreak = tokens[i + 1]?.kind === "break" ? (tokens[i + 1] as { text: string }).text : "";
  return nextBreak !== ":" && nextBreak !== "/" && nextBreak !== "%";
}

/**
 * Reads the run starting at `from` (which must be a number token). Digits, French number words
 * and scale words compose in any mix: "deux mille cinq cents", "2 mille 500", "2mil500",
 * "1 million 500 mille", "1,5 million", "un demi-million", "10mil". French is additive except
 * "quatre-vingt" (4 × 20) and the scales: "cent" multiplies the current group, "mille",
 * "million", "milliard" close it, each smaller than the one before. Two figures in a row
 * ("5000 6000") are two values.
 */
export function readNumberRun(tokens: readonly AmountToken[], from: number): NumberRun {
  let total = 0;
  let group = 0;
  let groupHasDigits = false;
  let groupTokens = 0;
  let lastScale = Number.POSITIVE_INFINITY;
  let lastWord = "";
  let hasWords = false;
  let hasScale = false;
  let digitTokens = 0;
  let i = from;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as AmountToken;
    if (t.kind === "break") break;
    if (t.kind === "digits") {
      if (group > 0 || groupTokens > 0) break;
      if (lastScale !== Number.POSITIVE_INFINITY && !digitsContinueAfterScale(tokens, i, lastScale)) break;
      digitTokens++;
      const scaleNext = scaleOf(tokens, i + 1);
      const decimalScale = scaleNext !== undefined && scaleNext >= 1000;
      // "2,5 millions" is decimal; "2,500" on its own is the English way of writing 2500.
      group = t.decimals.length === 3 && !decimalScale && !t.grouped ? t.intPart * 1000 + Number(t.decimals) : t.value;
      groupHasDigits = true;
      groupTokens++;
      lastWord = "";
      continue;
    }
    const w = t.text;
    if (w === "et") {
      // "vingt et un", "un million et demi" stay one number; a trailing "et" does not.
      const next = wordOf(tokens[i + 1]);
      if (lastWord !== "" && next !== undefined && (UNIT_WORDS.has(next) || FRACTION_WORDS.has(next))) continue;
      break;
    }
    const fraction = FRACTION_WORDS.get(w);
    if (fraction !== undefined) {
      if (wordOf(tokens[i - 1]) === "et" && i > from) {
        // "un million et demi", "deux mille et quart": a fraction of the last closed scale.
        if (lastScale !== Number.POSITIVE_INFINITY) total += lastScale * fraction;
        else group += fraction;
        lastWord = w;
        hasWords = true;
        continue;
      }
      const target = fractionTarget(tokens, i);
      if (target === -1 || groupHasDigits) break;
      // "un demi-million", "trois quarts de million": the fraction scales the group before it.
      group = (group === 0 ? 1 : group) * fraction;
      groupTokens++;
      hasWords = true;
      i = target - 1;
      lastWord = w;
      continue;
    }
    const unit = UNIT_WORDS.get(w);
    if (unit !== undefined) {
      if (groupHasDigits) break;
      hasWords = true;
      if ((w === "vingt" || w === "vingts") && lastWord === "quatre") group += 80 - 4;
      else group += unit;
      groupTokens++;
      lastWord = w;
      continue;
    }
    const scale = scaleOf(tokens, i);
    if (scale === undefined) break;
    if (scale === 100) {
      if (groupHasDigits && group >= 100) break;
      group = (group === 0 ? 1 : group) * 100;
    } else {
      if (scale >= lastScale) break;
      total += (group === 0 ? 1 : group) * scale;
      lastScale = scale;
      group = 0;
      groupHasDigits = false;
      groupTokens = 0;
    }
    hasScale = true;
    if (w !== "k" && w !== "m") hasWords = true;
    lastWord = w;
  }
  // "2 mille 5", "3 mille cinq": with figures, a lone digit after "mille" is said for the hundreds (2 500).
  // Words alone keep their written meaning ("deux mille cinq" = 2 005).
  if (digitTokens > 0 && lastScale >= 1000 && lastScale !== Number.POSITIVE_INFINITY && groupTokens === 1) {
    if (group >= 1 && group <= 9 && Number.isInteger(group)) group *= lastScale / 10;
  }
  const value = Math.round(total + group);
  const only = tokens[from];
  const article = i === from + 1 && only?.kind === "word" && (only.text === "un" || only.text === "une");
  return {
    value,
    from,
    to: i,
    hasWords,
    hasScale,
    bareDigits: digitTokens === 1 && !hasWords && !hasScale,
    article,
  };
}

export { isNumberToken };
