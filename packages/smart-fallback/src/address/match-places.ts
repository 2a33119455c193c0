import { editDistance, typoBudget } from "../text/edit-distance.js";
import type { WordToken } from "../text/tokenize.js";
import type { Place } from "./gazetteer.js";
import type { PlaceIndex } from "./place-index.js";

/** A gazetteer place found at tokens [from, to). */
export interface PlaceMatch {
  place: Place;
  from: number;
  to: number;
  /** 1 for an exact spelling, lower for a typo match. */
  score: number;
}

// Frequent words that are one edit away from a place name and must never match one.
const NOT_PLACES = new Set(["total", "poste", "appel", "merci", "envoi", "envoie", "envoyer", "monde"]);

const LETTERS = /^[a-z]+$/;
const STREET_WORDS = new Set(["rue", "avenue", "av", "bd", "boulevard", "allee", "impasse", "route"]);

const JOINERS = /['’-]/g;

function tokenKey(t: WordToken): string {
  return t.folded.includes("-") || t.folded.includes("'") || t.folded.includes("’")
    ? t.folded.replace(JOINERS, "")
    : t.folded;
}

// Place names are short and close to each other ("Mbaka"/"Mpaka"): typos only on 7+ letters.
function placeBudget(length: number): number {
  return length < 7 ? 0 : typoBudget(length);
}

function fuzzyLookup(key: string, index: PlaceIndex): string | undefined {
  const budget = placeBudget(key.length);
  if (budget === 0 || NOT_PLACES.has(key)) return undefined;
  const candidates = index.fuzzyByInitial.get(key[0] as string);
  if (!candidates) return undefined;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    const d = editDistance(key, candidate, budget);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Finds gazetteer places in the tokens not marked in `used`, longest name first, without overlaps. */
export function matchPlaces(tokens: readonly WordToken[], index: PlaceIndex, used?: Uint8Array): PlaceMatch[] {
  const out: PlaceMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (used?.[i]) continue;
    const first = tokenKey(tokens[i] as WordToken);
    let found: PlaceMatch | undefined;
    // Only a token that starts a multi-word name is worth the longer n-grams ("poto" + "poto").
    if (index.firstWords.has(first)) {
      let key = first;
      let best: PlaceMatch | undefined;
      for (let n = 2; n <= index.maxTokens && i + n <= tokens.length && !used?.[i + n - 1]; n++) {
        key += tokenKey(tokens[i + n - 1] as WordToken);
        const place = index.exact.get(key);
        if (place) best = { place, from: i, to: i + n, score: 1 };
      }
      found = best;
    }
    if (!found) {
      const place = index.exact.get(first);
      if (place) found = { place, from: i, to: i + 1, score: 1 };
    }
    // Typos only on one word of letters, and never on a street's own name ("rue Mbaka").
    if (!found && first.length >= 7 && LETTERS.test(first) && !STREET_WORDS.has(tokens[i - 1]?.folded ?? "")) {
      const fuzzyKey = fuzzyLookup(first, index);
      if (fuzzyKey !== undefined)
        found = { place: index.exact.get(fuzzyKey) as Place, from: i, to: i + 1, score: 0.85 };
    }
    if (found) {
      out.push(found);
      i = found.to - 1;
    }
  }
  return out;
}
