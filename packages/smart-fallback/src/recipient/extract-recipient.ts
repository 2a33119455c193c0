import type { WordToken } from "../text/tokenize.js";
import { INTRODUCERS_BY_FIRST_WORD } from "./introducers.js";
import { between, endsAtBoundary, type NameCase, nameText, readName } from "./read-name.js";
import { FOR_CUES, STRONG_CUES, TITLES, WEAK_CUES } from "./recipient-lexicon.js";
import { AMBIGUOUS_TITLES, LINGALA_POSSESSIVES, TITLE_COMPLEMENTS } from "./titles.js";

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
const ARTICLES = new Set(["le", "la", "l'", "l’", "les"]);
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
const IS = new Set(["c", "c'", "c’", "cest", "est", "sera"]);
// Words that can start a recipient (relative, title, Lingala introducer, cue), for one lookup per
// word of the message: every other word is skipped at once.
const STARTERS: ReadonlySet<string> = new Set([
  ...RELATIVES,
  ...TITLES.keys(),
  ...INTRODUCERS_BY_FIRST_WORD.keys(),
  ...STRONG_CUES,
  ...WEAK_CUES,
  "m",
  "ya",
]);
const NOT_FOUND: RecipientReading = { value: undefined, confidence: 0.85, from: -1, to: -1 };

/** The title at `i` ("Mme", "sergent", "tantine"), or undefined; "M." and "Me" only capitalised. */
function titleAt(text: string, tokens: readonly WordToken[], i: number): string | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.raw === "M" && text.charAt(t.end) === ".") return "M.";
  if (t.folded === "me" && t.raw !== "Me") return undefined;
  // "pr ya Serge": right after "pour" or "chez", the Lingala "ya" is the elder-sibling title (yaya).
  if (t.folded === "ya") {
    const prev = tokens[i - 1]?.folded ?? "";
    return FOR_CUES.has(prev) || STRONG_CUES.has(prev) ? "Ya" : undefined;
  }
  return TITLES.get(t.folded);
}

/** A title or an article and a title start here: the cue leaves the name to the title reader. */
function titleFollows(text: string, tokens: readonly WordToken[], i: number): boolean {
  if (titleAt(text, tokens, i) !== undefined) return true;
  return ARTICLES.has(tokens[i]?.folded ?? "") && titleAt(text, tokens, i + 1) !== undefined;
}

/**
 * "le sergent chef Bouanga", "tantine odile", "Dr Ngoma", "chef de quartier Mampouya", "mama ya
 * Grace": consecutive titles, then the name. A place name right after a title is a name
 * ("l'abbé Massengo"): places marked in `used` do not stop it, phones do.
 */
function readTitled(text: string, tokens: readonly WordToken[], i: number, used: Uint8Array): RecipientReading {
  const titles: string[] = [];
  let k = i;
  let needsCaps = false;
  for (; k < tokens.length && titles.length < 3; k++) {
    const title = titleAt(text, tokens, k);
    if (title === undefined || used[k]) break;
    if (k > i && !SEPARATORS.test(between(text, tokens[k - 1] as WordToken, tokens[k] as WordToken))) break;
    const t = tokens[k] as WordToken;
    const complement = TITLE_COMPLEMENTS.get(t.folded);
    if (complement && tokens[k + 1]?.folded === "de" && complement.has(tokens[k + 2]?.folded ?? "")) {
      titles.push(`${title} de ${(tokens[k + 2] as WordToken).folded}`);
      k += 2;
      continue;
    }
    titles.push(title);
    needsCaps ||= t.raw === "M" || (k === i && AMBIGUOUS_TITLES.has(t.folded));
  }
  // "ndeko na ngai Arsène": my sibling Arsène; like "mon frère Patrick", the name alone is kept.
  let owned = false;
  const w = tokens[k]?.folded;
  if ((w === "na" || w === "ya") && LINGALA_POSSESSIVES.has(tokens[k + 1]?.folded ?? "")) {
    owned = true;
    k += 2;
  }
  // "mama ya Grace": Grace's mother.
  let of = "";
  if (!owned && w === "ya" && tokens[k + 1] !== undefined) {
    of = " ya";
    k += 1;
  }
  const last = tokens[k - 1] as WordToken;
  const next = tokens[k];
  if (!next || !SEPARATORS.test(between(text, last, next).replace(".", ""))) return NOT_FOUND;
  const end = readName(text, tokens, k, used, needsCaps || owned || of !== "" ? "caps" : "lower", true);
  if (end === k) return NOT_FOUND;
  const name = nameText(text, tokens, k, end);
  return { value: owned ? name : `${titles.join(" ")}${of} ${name}`, confidence: 0.92, from: i, to: end };
}

/** Length of the Lingala introducer at `i` ("epesa na", "pona", "mpo na"), or 0. */
function introducerAt(tokens: readonly WordToken[], i: number): number {
  const candidates = INTRODUCERS_BY_FIRST_WORD.get((tokens[i] as WordToken).folded);
  if (!candidates) return 0;
  for (const words of candidates) {
    if (words.every((w, k) => tokens[i + k]?.folded === w)) return words.length;
  }
  return 0;
}

/**
 * Finds the recipient: "chez Marie", "destinataire: Paul", "Mme Mabiala", "pour Jean",
 * "pr marie", "le sergent Okemba", "tantine odile", "epesa na Clarisse", "le numéro de
 * Bienvenu". Tokens marked in `used` (phones, places) are never names.
 */
export function extractRecipient(text: string, tokens: readonly WordToken[], used: Uint8Array): RecipientReading {
  let cueWithoutName = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as WordToken;
    if (used[i] || !STARTERS.has(t.folded)) continue;
    // "ma sœur Grâce", "mon frère Patrick": a relative named after a possessive; the name is the recipient.
    if (RELATIVES.has(t.folded) && POSSESSIVES.has(tokens[i - 1]?.folded ?? "")) {
      const end = readName(text, tokens, i + 1, used, "caps");
      if (end > i + 1) return { value: nameText(text, tokens, i + 1, end), confidence: 0.85, from: i + 1, to: end };
      continue;
    }
    if (titleAt(text, tokens, i) !== undefined) {
      const titled = readTitled(text, tokens, i, used);
      if (titled.value !== undefined) return titled;
      continue;
    }
    const introducer = introducerAt(tokens, i);
    if (introducer > 0) {
      const start = i + introducer;
      if (titleFollows(text, tokens, start)) continue;
      const end = tokens[start] && !used[start] ? readName(text, tokens, start, used, "lower") : start;
      if (end > start) return { value: nameText(text, tokens, start, end), confidence: 0.85, from: start, to: end };
      continue;
    }
    const strong = STRONG_CUES.has(t.folded);
    const weak = !strong && WEAK_CUES.has(t.folded);
    if (!strong && !weak) continue;
    let next = tokens[i + 1];
    // "le nom c'est Prisca", "destinataire c Marie".
    if (strong && next && IS.has(next.folded)) {
      i += next.folded === "c'" && tokens[i + 2]?.folded === "est" ? 2 : 1;
      next = tokens[i + 1];
    }
    if (!next || used[i + 1] || !SEPARATORS.test(between(text, tokens[i] as WordToken, next))) {
      // "numéro du destinataire : 06…" names no one but is not a failed name either.
      if (strong && !next) cueWithoutName = true;
      continue;
    }
    // "chez Mme Mabiala", "pour le sergent Okemba": the title belongs to the name.
    if (titleFollows(text, tokens, i + 1)) continue;
    // "pr marie 06…": after "pour" a lower-case name is read up to a phone, a place or punctuation.
    const forCue = FOR_CUES.has(t.folded);
    const nameCase: NameCase = strong || forCue ? "lower" : "caps";
    let end = readName(text, tokens, i + 1, used, nameCase);
    if (forCue && end > i + 1 && next.raw === next.raw.toLowerCase() && !endsAtBoundary(text, tokens, end, used)) {
      end = i + 1;
    }
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
    const lower = next.raw === next.raw.toLowerCase();
    return {
      value: nameText(text, tokens, i + 1, end),
      confidence: strong ? 0.92 : forCue ? (lower ? 0.75 : 0.8) : t.folded === "de" ? 0.8 : 0.72,
      from: i + 1,
      to: end,
    };
  }
  return { ...NOT_FOUND, confidence: cueWithoutName ? 0.5 : 0.85 };
}
