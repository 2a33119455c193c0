import { fold } from "./fold.js";

/** A word of the message with its offsets in the original text and its folded form. */
export interface WordToken {
  /** Text as typed. */
  raw: string;
  /** Lower-case, accent-free form used for matching. */
  folded: string;
  start: number;
  end: number;
}

// Letters (with accents), digits and inner apostrophes/hyphens are kept inside words so
// "Tié-Tié" stays one token; matchers split on hyphens themselves where they need to.
// French elisions ("l'école", "d'huile", "c'est") are split off so "école" can be looked up;
// a capitalised N' or M' is kept because it starts Congolese names (N'Goma, M'Bemba).
const WORD = /(?:[lLdDcCjJsSnmt]|qu|Qu)['’](?=\p{L})|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Splits text into word tokens with offsets. */
export function tokenize(text: string): WordToken[] {
  const out: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    out.push({ raw: m[0], folded: fold(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}
