import type { WordToken } from "../text/tokenize.js";
import type { PlaceMatch } from "./match-places.js";

// Place names that are also everyday Lingala words: "Oyo" the town, "oyo" = "this" ("colis oyo").
const ALSO_WORDS = new Set(["oyo"]);
// Words that announce a place: French prepositions and the Lingala "na" (to, at).
const PLACE_BEFORE = new Set([
  "a",
  "au",
  "vers",
  "de",
  "depuis",
  "pour",
  "pr",
  "sur",
  "jusqu",
  "na",
  "ville",
  "quartier",
]);
const ORIGIN_BEFORE = new Set(["de", "du", "depuis"]);
const DESTINATION_BEFORE = new Set(["a", "au", "vers", "jusqu", "na"]);

/**
 * Keeps a place that is also an everyday word only when it is capitalised or announced by a
 * preposition ("à Oyo", "Oyo"), so "colis oyo na Ouenzé" names Ouenzé alone.
 */
export function isPlaceInContext(tokens: readonly WordToken[], m: PlaceMatch): boolean {
  const t = tokens[m.from] as WordToken;
  if (!ALSO_WORDS.has(t.folded) || m.to - m.from > 1) return true;
  const c = t.raw.charAt(0);
  if (c !== c.toLowerCase()) return true;
  return PLACE_BEFORE.has(tokens[m.from - 1]?.folded ?? "");
}

/**
 * "de Poto-Poto à Ouenzé": the place after "de" is where the parcel is picked up; when a place
 * announced as the destination follows it, only the destination is the delivery address.
 */
export function withoutOrigin(tokens: readonly WordToken[], matches: readonly PlaceMatch[]): readonly PlaceMatch[] {
  if (matches.length < 2) return matches;
  let origin = -1;
  for (let k = 0; k < matches.length - 1 && origin === -1; k++) {
    if (ORIGIN_BEFORE.has(tokens[(matches[k] as PlaceMatch).from - 1]?.folded ?? "")) origin = k;
  }
  if (origin === -1) return matches;
  let destination = false;
  for (let k = origin + 1; k < matches.length && !destination; k++) {
    destination = DESTINATION_BEFORE.has(tokens[(matches[k] as PlaceMatch).from - 1]?.folded ?? "");
  }
  return destination ? matches.filter((_, k) => k !== origin) : matches;
}
