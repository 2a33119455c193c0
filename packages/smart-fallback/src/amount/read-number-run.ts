import type { AmountToken } from "./amount-tokens.js";
import { SCALE_WORDS, UNIT_WORDS } from "./french-words.js";

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
}

export function isNumberWord(token: AmountToken | undefined): boolean {
  return token?.kind === "word" && (UNIT_WORDS.has(token.text) || SCALE_WORDS.has(token.text));
}

function isNumberToken(token: AmountToken | undefined): boolean {
  return token?.kind === "digits" || isNumberWord(token);
}

/**
 * Reads the run starting at `from` (which must be a number token). French grammar makes
 * this additive except for "quatre-vingt" (4 × 20) and the scales: "cent" multiplies the
 * current group, "mille"/"million"/"milliard" close it.
 */
export function readNumberRun(tokens: readonly AmountToken[], from: number): NumberRun {
  let total = 0;
  let current = 0;
  let lastWord = "";
  let hasWords = false;
  let hasScale = false;
  let digitTokens = 0;
  let i = from;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as AmountToken;
    if (t.kind === "break") break;
    if (t.kind === "digits") {
      // Two figures in a row ("5000 6000") are two values, not one.
      if (digitTokens > 0 || hasWords) break;
      digitTokens++;
      const next = tokens[i + 1];
      const scaleNext = next?.kind === "word" && SCALE_WORDS.has(next.text) && next.text !== "cent";
      // "2,5 millions" is decimal; "2,500" on its own is the English way of writing 2500.
      current += t.decimals.length === 3 && !scaleNext && !t.grouped ? t.intPart * 1000 + Number(t.decimals) : t.value;
      lastWord = "";
      continue;
    }
    const w = t.text;
    if (w === "et") {
      // "vingt et un", "un million et demi" stay one number; a trailing "et" does not.
      const next = tokens[i + 1];
      if (lastWord !== "" && next?.kind === "word" && (UNIT_WORDS.has(next.text) || next.text === "demi")) continue;
      break;
    }
    if (w === "demi" && tokens[i - 1]?.kind === "word" && (tokens[i - 1] as { text: string }).text === "et") {
      // "un million et demi": half of the last closed scale.
      const lastScale = SCALE_WORDS.get(lastWord);
      if (lastScale && lastScale >= 1000) total += lastScale / 2;
      else current += 0.5;
      lastWord = "demi";
      continue;
    }
    const unit = UNIT_WORDS.get(w);
    if (unit !== undefined) {
      if (digitTokens > 0 && current > 0 && !hasWords) break;
      hasWords = true;
      if ((w === "vingt" || w === "vingts") && lastWord === "quatre") current += 80 - 4;
      else current += unit;
      lastWord = w;
      continue;
    }
    const scale = SCALE_WORDS.get(w);
    if (scale === undefined) break;
    if (w === "k" && digitTokens === 0) break;
    hasScale = true;
    if (w !== "k") hasWords = true;
    if (scale === 100) {
      current = (current === 0 ? 1 : current) * 100;
    } else {
      total += (current === 0 ? 1 : current) * scale;
      current = 0;
    }
    lastWord = w;
  }
  const value = Math.round(total + current);
  return {
    value,
    from,
    to: i,
    hasWords,
    hasScale,
    bareDigits: digitTokens === 1 && !hasWords && !hasScale,
  };
}

export { isNumberToken };
