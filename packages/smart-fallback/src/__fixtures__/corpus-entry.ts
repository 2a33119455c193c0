import type { Intent } from "../intent/intent-lexicon.js";
import corpusJson from "./corpus.json" with { type: "json" };
import holdoutJson from "./holdout.json" with { type: "json" };
import holdout2Json from "./holdout2.json" with { type: "json" };

/** One labelled message: a field left out means "nothing to find". */
export interface CorpusEntry {
  text: string;
  intent: Intent;
  phone?: string;
  amount?: number;
  address?: string;
  recipientName?: string;
}

export const corpus = corpusJson as CorpusEntry[];

/** Sixty messages written after the rules were frozen, to measure how they generalise. */
export const holdout = holdoutJson as CorpusEntry[];

/** Forty more, written later in a looser SMS style, also scored once before any fix. */
export const holdout2 = holdout2Json as CorpusEntry[];
