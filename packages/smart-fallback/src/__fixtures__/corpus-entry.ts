import type { Intent } from "../intent/intent-lexicon.js";
import corpusJson from "./corpus.json" with { type: "json" };
import holdoutJson from "./holdout.json" with { type: "json" };
import brazzavilleAfterJson from "./brazzaville-after.json" with { type: "json" };
import brazzavilleFreshJson from "./brazzaville-fresh.json" with { type: "json" };
import brazzavilleHeldoutJson from "./brazzaville-heldout.json" with { type: "json" };
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

/**
 * Brazzaville WhatsApp French (SMS spelling, titles, kinship words, Lingala introducers, amounts
 * mixing digits and scale words): 158 messages written before any of the fixes they prompted.
 */
export const brazzavilleHeldout = brazzavilleHeldoutJson as CorpusEntry[];

/** 162 more in the same style, written after seeing the first set's failures (a training figure). */
export const brazzavilleAfter = brazzavilleAfterJson as CorpusEntry[];

/** 60 more written after every fix and scored once before the last one (SMS spellings of "quand"). */
export const brazzavilleFresh = brazzavilleFreshJson as CorpusEntry[];
