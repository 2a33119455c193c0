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

function keyOf(tokens: readonly WordToken[], from: number, to: number): string {
  let key = "";
  for (let i = from; i < to; i++) key += (tokens[i] as WordToken).folded.replace(/['’-]/g, "");
  return key;
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
    let longest = 0;
    while (longest < index.maxTokens && i + longest < tokens.length && !used?.[i + longest]) longest++;
    let found: PlaceMatch | undefined;
    // Exact spellings first, longest first: "poto poto" before "poto".
    for (let n = longest; n >= 1; n--) {
      const place = index.exact.get(keyOf(tokens, i, i + n));
      if (place) {
        found = { place, from: i, to: i + n, score: 1 };
        break;
      }
    }
    // Typos only on one or two words, letters only, and never on a street's own name ("rue Mbaka").
    if (!found && !STREET_WORDS.has(tokens[i - 1]?.folded ?? "")) {
      for (let n = Math.min(2, longest); n >= 1 && !found; n--) {
        const key = keyOf(tokens, i, i + n);
        if (!LETTERS.test(key)) continue;
        const fuzzyKey = fuzzyLookup(key, index);
        if (fuzzyKey !== undefined) {
          found = { place: index.exact.get(fuzzyKey) as Place, from: i, to: i + n, score: 0.85 };
        }
      }
    }
    if (found) {
      out.push(found);
      i = found.to - 1;
    }
  }
  return out;
}
