import { UNIT_WORDS } from "../amount/french-words.js";
import { capitalizeWords } from "../text/fold.js";
import type { WordToken } from "../text/tokenize.js";
import { NOT_NAMES, STRONG_CUES, TITLES, WEAK_CUES } from "./recipient-lexicon.js";

/** The recipient found in a message. */
export interface RecipientReading {
  value: string | undefined;
  confidence: number;
  /** Token range of the name, so the address reader leaves it alone. */
  from: number;
  to: number;
}

const HAND_OVER = new Set(["remettre", "remets", "remettez", "donner", "donne", "donnez", "confier", "transmettre"]);
const DELIVER = new Set(["livrer", "livrez", "livre", "envoyer", "envoyez", "envoie", "apporter", "apportez"]);
const POSSESSIVES = new Set(["ma", "mon", "notre", "votre", "sa", "son", "ta", "ton"]);
const RELATIVES = new Set([
  "soeur",
  "frere",
  "mere",
  "pere",
  "tante",
  "oncle",
  "cousin",
  "cousine",
  "fils",
  "fille",
  "ami",
  "amie",
  "femme",
  "mari",
  "epouse",
  "epoux",
  "collegue",
  "voisin",
  "voisine",
  "patron",
  "patronne",
]);
const SEPARATORS = /^[\s:,-]*$/;

function between(text: string, a: WordToken, b: WordToken): string {
  return text.slice(a.end, b.start);
}

function isCapitalised(t: WordToken): boolean {
  const c = t.raw.charAt(0);
  return c !== c.toLowerCase();
}

function isNameWord(t: WordToken, used: Uint8Array, i: number): boolean {
  if (used[i] || NOT_NAMES.has(t.folded) || UNIT_WORDS.has(t.folded) || TITLES.has(t.folded)) return false;
  if (STRONG_CUES.has(t.folded) || WEAK_CUES.has(t.folded)) return false;
  // Letters only (with inner hyphen/apostrophe): "Jean-Paul", "N'Goma"; no digits.
  return /^\p{L}[\p{L}'’-]*$/u.test(t.raw) && t.raw.length >= 2;
}

/** Reads up to three name words from `from`; "Jean de Dieu" keeps its particle. */
function readName(text: string, tokens: readonly WordToken[], from: number, used: Uint8Array, requireCaps: boolean) {
  let end = from;
  for (let i = from; i < tokens.length && i < from + 4; i++) {
    const t = tokens[i] as WordToken;
    if (i > from && !/^ +$/.test(between(text, tokens[i - 1] as WordToken, t))) break;
    const particle =
      i > from &&
      (t.folded === "de" || t.folded === "du") &&
      tokens[i + 1] &&
      isCapitalised(tokens[i + 1] as WordToken);
    if (particle && isNameWord(tokens[i + 1] as WordToken, used, i + 1)) continue;
    if (!isNameWord(t, used, i)) break;
    // After the first word only capitalised words continue the name, so "chez marie demain" stops.
    if ((requireCaps || i > from) && !isCapitalised(t)) break;
    end = i + 1;
  }
  return end;
}

function nameText(text: string, tokens: readonly WordToken[], from: number, to: number): string {
  let raw = text.slice((tokens[from] as WordToken).start, (tokens[to - 1] as WordToken).end).replace(/\s+/g, " ");
  // Names typed in capitals ("CHEZ ROSE") are written the usual way.
  if (raw.length > 2 && raw === raw.toUpperCase()) raw = raw.toLowerCase();
  return capitalizeWords(raw).replace(/ (De|Du) /g, (w) => w.toLowerCase());
}

/**
 * Finds the recipient: "chez Marie", "destinataire: Paul", "Mme Mabiala", "pour Jean",
 * "le numéro de Bienvenu". Tokens marked in `used` (phones, places) are never names.
 */
export function extractRecipient(text: string, tokens: readonly WordToken[], used: Uint8Array): RecipientReading {
  let cueWithoutName = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as WordToken;
    if (used[i]) continue;
    // "ma sœur Grâce", "mon frère Patrick": a relative named after a possessive; the name is the recipient.
    if (RELATIVES.has(t.folded) && POSSESSIVES.has(tokens[i - 1]?.folded ?? "")) {
      const end = readName(text, tokens, i + 1, used, true);
      if (end > i + 1) return { value: nameText(text, tokens, i + 1, end), confidence: 0.85, from: i + 1, to: end };
      continue;
    }
    const title = TITLES.get(t.folded);
    // "M." is a title only when capitalised and followed by a capitalised name.
    const isMister = t.raw === "M" && text.charAt(t.end) === ".";
    if (title !== undefined || isMister) {
      const next = tokens[i + 1];
      if (next && SEPARATORS.test(between(text, t, next).replace(".", ""))) {
        const end = readName(text, tokens, i + 1, used, isMister || t.folded === "papa" || t.folded === "maman");
        if (end > i + 1) {
          return {
            value: `${isMister ? "M." : title} ${nameText(text, tokens, i + 1, end)}`,
            confidence: 0.92,
            from: i,
            to: end,
          };
        }
      }
      continue;
    }
    const strong = STRONG_CUES.has(t.folded);
    const weak = !strong && WEAK_CUES.has(t.folded);
    if (!strong && !weak) continue;
    const next = tokens[i + 1];
    if (!next || used[i + 1] || !SEPARATORS.test(between(text, t, next))) {
      // "numéro du destinataire : 06…" names no one but is not a failed name either.
      if (strong && !next) cueWithoutName = true;
      continue;
    }
    // "chez Mme Mabiala": the title belongs to the name.
    const nextTitle = TITLES.get(next.folded);
    if (nextTitle !== undefined) continue;
    const end = readName(text, tokens, i + 1, used, weak);
    if (end === i + 1) {
      if (strong && !["moi", "nous", "lui", "elle", "eux"].includes(next.folded)) cueWithoutName = true;
      continue;
    }
    // "à X" is a person after a handing-over verb, or a first and last name after "livrer à";
    // otherwise "à Mbota" is a place.
    if (t.folded === "a") {
      const verb = tokens[i - 1]?.folded ?? "";
      const fullName = end - (i + 1) >= 2;
      if (!HAND_OVER.has(verb) && !(DELIVER.has(verb) && fullName)) continue;
    }
    // "de X" names the owner of a number only right after "numéro"/"tel"/"contact".
    if (t.folded === "de") {
      const prev = tokens[i - 1]?.folded;
      if (prev !== "numero" && prev !== "num" && prev !== "tel" && prev !== "contact" && prev !== "telephone") continue;
    }
    return {
      value: nameText(text, tokens, i + 1, end),
      confidence: strong ? 0.92 : t.folded === "pour" || t.folded === "de" ? 0.8 : 0.72,
      from: i + 1,
      to: end,
    };
  }
  return { value: undefined, confidence: cueWithoutName ? 0.5 : 0.85, from: -1, to: -1 };
}
