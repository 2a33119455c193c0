import { capitalizeWords } from "../text/fold.js";
import type { WordToken } from "../text/tokenize.js";
import { LANDMARK_LEADS, LANDMARKS, NAME_CONNECTORS, NAME_STOP, PLACE_CUES, STREET_TYPES } from "./address-lexicon.js";
import type { Place } from "./gazetteer.js";
import { matchPlaces, type PlaceMatch } from "./match-places.js";
import { isPlaceInContext, withoutOrigin } from "./place-context.js";
import { DEFAULT_PLACE_INDEX, type PlaceIndex } from "./place-index.js";

/** Where the address points, resolved against the gazetteer. */
export interface AddressLocation {
  city?: string;
  arrondissement?: string;
  quartier?: string;
}

/** The address found in a message. */
export interface AddressReading {
  /** Cleaned place text, e.g. "12 avenue Matsoua, Poto-Poto". */
  value: string | undefined;
  location: AddressLocation | undefined;
  confidence: number;
}

interface Span {
  from: number;
  to: number;
  text: string;
  kind: "place" | "street" | "landmark" | "cue";
}

const PRONOUNS = new Set(["ca", "sa", "cela", "ceci", "il", "elle", "on", "ne", "tout"]);

/** True when only spaces (or a hyphen/apostrophe) separate two tokens: a comma ends a name. */
function adjacent(text: string, a: WordToken, b: WordToken): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && c !== 45 && c !== 39 && c !== 0x2019) return false;
  }
  return true;
}

function isDigits(t: WordToken): boolean {
  const c = t.folded.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Reads name words after tokens[from], stopping at stop words, punctuation, digits or used tokens. */
function readName(text: string, tokens: readonly WordToken[], from: number, used: Uint8Array, max: number): number {
  let end = from;
  let words = 0;
  for (let i = from; i < tokens.length && words < max; i++) {
    const t = tokens[i] as WordToken;
    if (used[i] || NAME_STOP.has(t.folded) || (isDigits(t) && i > from)) break;
    if (i > from && !adjacent(text, tokens[i - 1] as WordToken, t)) break;
    if (NAME_CONNECTORS.has(t.folded)) {
      // "de la Paix", "de l'OUA": a chain of connectors must lead to a real name word.
      let k = i + 1;
      while (k < tokens.length && NAME_CONNECTORS.has((tokens[k] as WordToken).folded)) k++;
      const next = tokens[k];
      if (!next || used[k] || NAME_STOP.has(next.folded) || isDigits(next)) break;
      continue;
    }
    words++;
    end = i + 1;
  }
  return end;
}

function raw(text: string, tokens: readonly WordToken[], from: number, to: number): string {
  return text.slice((tokens[from] as WordToken).start, (tokens[to - 1] as WordToken).end).replace(/\s+/g, " ");
}

function streetSpan(text: string, tokens: readonly WordToken[], i: number, used: Uint8Array): Span | undefined {
  const t = tokens[i] as WordToken;
  const type = STREET_TYPES.get(t.folded);
  if (type === undefined) return undefined;
  const nameEnd = readName(text, tokens, i + 1, used, 4);
  // "parcelle 45" is a street-like reference whose "name" is a number.
  const numberAfter = tokens[i + 1];
  if (nameEnd === i + 1) {
    if ((type === "parcelle" || type === "maison") && numberAfter && isDigits(numberAfter)) {
      return { from: i, to: i + 2, text: `${type} ${numberAfter.raw}`, kind: "street" };
    }
    return undefined;
  }
  let from = i;
  const before = tokens[i - 1];
  if (before && isDigits(before) && !used[i - 1] && before.folded.length <= 4 && adjacent(text, before, t))
    from = i - 1;
  let to = nameEnd;
  let houseAfter = "";
  // "rue Ossélé 14": a house number written after the street name.
  const after = tokens[nameEnd];
  if (from === i && after && isDigits(after) && after.folded.length <= 4 && !used[nameEnd]) {
    if (adjacent(text, tokens[nameEnd - 1] as WordToken, after)) {
      houseAfter = ` ${after.raw}`;
      to = nameEnd + 1;
    }
  }
  const name = capitalizeWords(raw(text, tokens, i + 1, nameEnd)).replace(/\b(De|La|Du|Des|L|D)\b(?=[\s'’])/g, (w) =>
    w.toLowerCase(),
  );
  const prefix = from < i ? `${(tokens[from] as WordToken).raw} ` : "";
  return { from, to, text: `${prefix}${type} ${name}${houseAfter}`, kind: "street" };
}

function landmarkSpan(text: string, tokens: readonly WordToken[], i: number, used: Uint8Array): Span | undefined {
  const t = tokens[i] as WordToken;
  if (!LANDMARKS.has(t.folded)) return undefined;
  // "ça marche", "il marche": after a pronoun "marche" is the verb, not the market.
  if (PRONOUNS.has(tokens[i - 1]?.folded ?? "")) return undefined;
  const nameEnd = readName(text, tokens, i + 1, used, 3);
  // "près du marché Total" keeps its lead words; "au marché" alone is too vague to be an address.
  let from = i;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const w = (tokens[k] as WordToken).folded;
    if (used[k]) break;
    if (LANDMARK_LEADS.has(w)) {
      from = k;
      // "à côté de", "en face de": keep the preposition in front of the lead.
      const before = tokens[k - 1]?.folded;
      if ((w === "cote" || w === "face") && (before === "a" || before === "en") && !used[k - 1]) from = k - 1;
      break;
    }
    if (!NAME_CONNECTORS.has(w) && w !== "du" && w !== "a") break;
  }
  if (nameEnd === i + 1 && from === i) return undefined;
  const head = text.slice((tokens[from] as WordToken).start, t.end).replace(/\s+/g, " ");
  const name = nameEnd > i + 1 ? ` ${capitalizeWords(raw(text, tokens, i + 1, nameEnd))}` : "";
  return { from, to: nameEnd, text: `${head}${name}`, kind: "landmark" };
}

function isCapitalised(t: WordToken): boolean {
  const c = t.raw.charAt(0);
  return c !== c.toLowerCase();
}

function cueSpan(text: string, tokens: readonly WordToken[], i: number, used: Uint8Array): Span | undefined {
  const t = tokens[i] as WordToken;
  if (!PLACE_CUES.has(t.folded)) return undefined;
  const first = tokens[i + 1];
  if (!first || used[i + 1] || !isCapitalised(first) || isDigits(first) || NAME_STOP.has(first.folded))
    return undefined;
  if (!adjacent(text, t, first)) return undefined;
  const end = readName(text, tokens, i + 1, used, 3);
  if (end === i + 1) return undefined;
  return { from: i + 1, to: end, text: raw(text, tokens, i + 1, end), kind: "cue" };
}

function locationOf(places: readonly Place[]): AddressLocation | undefined {
  if (places.length === 0) return undefined;
  const location: AddressLocation = {};
  for (const p of places) {
    if (p.kind === "arrondissement") {
      location.arrondissement ??= p.name;
      location.city ??= p.city;
    } else if (p.kind === "quartier") {
      location.quartier ??= p.name;
      if (p.arrondissement) location.arrondissement ??= p.arrondissement;
      if (p.city) location.city ??= p.city;
    } else {
      location.city ??= p.name;
    }
  }
  return location;
}

/** The mark `markPlaces` leaves in `used` (phones and names are marked 1). */
export const PLACE_MARK = 2;

/** Finds gazetteer places not covered by `used` tokens and marks them used. */
export function markPlaces(
  tokens: readonly WordToken[],
  used: Uint8Array,
  index: PlaceIndex = DEFAULT_PLACE_INDEX,
): PlaceMatch[] {
  const out: PlaceMatch[] = [];
  for (const m of matchPlaces(tokens, index, used)) {
    if (!isPlaceInContext(tokens, m)) continue;
    out.push(m);
    // 2, not 1: a place, which a recipient right after a title may still take ("l'abbé Massengo").
    for (let k = m.from; k < m.to; k++) used[k] = PLACE_MARK;
  }
  return out;
}

/**
 * Finds the delivery address: gazetteer places (normalised to their official spelling),
 * streets with their house number and landmarks, joined in reading order.
 */
export function extractAddress(
  text: string,
  tokens: readonly WordToken[],
  used: Uint8Array,
  placeMatches: readonly PlaceMatch[],
): AddressReading {
  const spans: Span[] = [];
  const places: Place[] = [];
  let placeScore = 1;
  for (const m of withoutOrigin(tokens, placeMatches)) {
    spans.push({ from: m.from, to: m.to, text: m.place.name, kind: "place" });
    places.push(m.place);
    placeScore = Math.min(placeScore, m.score);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const span = streetSpan(text, tokens, i, used) ?? landmarkSpan(text, tokens, i, used);
    if (span) {
      spans.push(span);
      for (let k = span.from; k < span.to; k++) used[k] = 1;
      i = span.to - 1;
    }
  }
  if (spans.length === 0) {
    for (let i = 0; i < tokens.length; i++) {
      const span = cueSpan(text, tokens, i, used);
      if (span) {
        spans.push(span);
        break;
      }
    }
  }
  if (spans.length === 0) return { value: undefined, location: undefined, confidence: 0.85 };
  spans.sort((a, b) => a.from - b.from);
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of spans) {
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    parts.push(s.text);
  }
  const kinds = new Set(spans.map((s) => s.kind));
  let confidence = kinds.has("place")
    ? 0.95 * placeScore
    : kinds.has("street")
      ? 0.85
      : kinds.has("landmark")
        ? 0.75
        : 0.6;
  if (kinds.has("place") && placeScore < 1) confidence = 0.8;
  return { value: parts.join(", "), location: locationOf(places), confidence };
}
