import { fold } from "../text/fold.js";
import { PLACES, type Place } from "./gazetteer.js";

/** Key of a place name: folded, without spaces, hyphens, apostrophes or dots. */
export function placeKey(text: string): string {
  return fold(text).replace(/[\s'’.-]+/g, "");
}

/** Lookup structures built once from the gazetteer. */
export interface PlaceIndex {
  exact: ReadonlyMap<string, Place>;
  /** Keys of 5+ letters by first letter, for typo-tolerant matching. */
  fuzzyByInitial: ReadonlyMap<string, readonly string[]>;
  /** Longest place name in tokens. */
  maxTokens: number;
  /** First word of every multi-word spelling: only these tokens can start a longer match. */
  firstWords: ReadonlySet<string>;
}

/** Builds the lookup index of a gazetteer. */
export function buildPlaceIndex(places: readonly Place[]): PlaceIndex {
  const exact = new Map<string, Place>();
  const fuzzy = new Map<string, string[]>();
  const firstWords = new Set<string>();
  let maxTokens = 1;
  for (const place of places) {
    for (const spelling of [place.name, ...(place.aliases ?? [])]) {
      const key = placeKey(spelling);
      if (!exact.has(key)) exact.set(key, place);
      const words = spelling.split(/[\s-]+/);
      maxTokens = Math.max(maxTokens, words.length);
      if (words.length > 1) firstWords.add(placeKey(words[0] as string));
      if (key.length >= 5) {
        const initial = key[0] as string;
        const list = fuzzy.get(initial) ?? [];
        list.push(key);
        fuzzy.set(initial, list);
      }
    }
  }
  return { exact, fuzzyByInitial: fuzzy, maxTokens, firstWords };
}

/** The index over the built-in gazetteer. */
export const DEFAULT_PLACE_INDEX: PlaceIndex = buildPlaceIndex(PLACES);
