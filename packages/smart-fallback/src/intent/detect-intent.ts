import { editDistance, typoBudget } from "../text/edit-distance.js";
import { fold } from "../text/fold.js";
import { EXACT_ONLY, type Intent, PHRASES, SMS_SPELLINGS, WORDS } from "./intent-lexicon.js";

/** An intent with how sure the reader is. */
export interface IntentResult {
  intent: Intent;
  /** 0–1. */
  confidence: number;
}

type Scored = Exclude<Intent, "unknown">;
const SCORED: readonly Scored[] = ["courier", "marketplace", "track", "cancel", "help", "greeting"];

interface Entry {
  intent: Scored;
  weight: number;
}

const EXACT = new Map<string, Entry[]>();
const FUZZY = new Map<string, string[]>();
for (const intent of SCORED) {
  for (const [word, weight] of WORDS[intent]) {
    const list = EXACT.get(word) ?? [];
    list.push({ intent, weight });
    EXACT.set(word, list);
    if (word.length >= 5 && !EXACT_ONLY.has(word)) {
      const initial = word.slice(0, 1);
      const bucket = FUZZY.get(initial) ?? [];
      if (!bucket.includes(word)) bucket.push(word);
      FUZZY.set(initial, bucket);
    }
  }
}
// Phrases are indexed by their first word: only a message containing it pays for the substring test.
const PHRASES_BY_FIRST_WORD = new Map<string, Array<{ padded: string; intent: Scored; weight: number }>>();
for (const [phrase, intent, weight] of PHRASES) {
  const first = phrase.slice(0, phrase.indexOf(" "));
  const list = PHRASES_BY_FIRST_WORD.get(first) ?? [];
  list.push({ padded: ` ${phrase} `, intent, weight });
  PHRASES_BY_FIRST_WORD.set(first, list);
}
const NON_LETTERS = /[^a-z]+/g;
const ACKNOWLEDGEMENTS = new Set([
  "ok",
  "okay",
  "oki",
  "oui",
  "non",
  "merci",
  "mrc",
  "d",
  "accord",
  "daccord",
  "dac",
  "super",
  "parfait",
  "bien",
  "tres",
  "yes",
  "no",
  "thanks",
  "thank",
  "you",
  "e",
  "ee",
  "te",
  "malamu",
  "matondo",
]);

// Typo lookups are memoised: chat vocabulary is small and repetitive, and most words are not
// keywords, so the same misses come back all day. Bounded so odd input cannot grow it forever.
const TYPO_MEMO = new Map<string, Entry[] | null>();
const TYPO_MEMO_MAX = 5000;

// Everyday French words one edit away from a keyword: they are words, not typos
// ("un carton de livres" is books, not "livrer"; "j'ai envie" is not "envoie").
const NOT_TYPOS = new Set(["livre", "livres", "livret", "envie", "envies", "porte", "portes", "cours", "courte"]);

function typoLookup(word: string): Entry[] | null {
  if (NOT_TYPOS.has(word)) return null;
  const budget = typoBudget(word.length);
  if (budget === 0) return null;
  const bucket = FUZZY.get(word.slice(0, 1));
  if (!bucket) return null;
  for (const candidate of bucket) {
    // Typos get a little less weight than the exact word.
    if (editDistance(word, candidate, budget) <= budget) {
      return (EXACT.get(candidate) as Entry[]).map((e) => ({ intent: e.intent, weight: e.weight * 0.9 }));
    }
  }
  return null;
}

function lookup(word: string): Entry[] | null {
  const exact = EXACT.get(word);
  if (exact) return exact;
  if (word.length < 5) return null;
  let found = TYPO_MEMO.get(word);
  if (found === undefined) {
    found = typoLookup(word);
    if (TYPO_MEMO.size >= TYPO_MEMO_MAX) TYPO_MEMO.clear();
    TYPO_MEMO.set(word, found);
  }
  return found;
}

/**
 * Guesses what the user wants from free text, tolerant of accents, case and small typos.
 * French first, with English and common Lingala words (`mbote`, `kotinda`, `wapi`).
 * @example
 * detectIntent("Bjr je veux envoyé un colis"); // { intent: "courier", confidence: 0.9 }
 * detectIntent("mbote"); // { intent: "greeting", … }
 */
export function detectIntent(text: string): IntentResult {
  if (typeof text !== "string") return { intent: "unknown", confidence: 0 };
  let normalized = fold(text).replace(NON_LETTERS, " ").trim();
  if (normalized.length === 0) return { intent: "unknown", confidence: 0.9 };
  const scores: Record<Scored, number> = { courier: 0, marketplace: 0, track: 0, cancel: 0, help: 0, greeting: 0 };
  let words = normalized.split(" ");
  // SMS spellings are read as the words they stand for, so every phrase also matches "kan k sa arrive".
  let respelled = false;
  for (let k = 0; k < words.length; k++) {
    const full = SMS_SPELLINGS.get(words[k] as string);
    if (full !== undefined) {
      words[k] = full;
      respelled = true;
    }
  }
  if (respelled) {
    normalized = words.join(" ");
    words = normalized.split(" ");
  }
  let padded: string | undefined;
  let seenPhraseStarts: Set<string> | undefined;
  for (const word of words) {
    const entries = lookup(word);
    if (entries) for (const e of entries) scores[e.intent] += e.weight;
    const phrases = PHRASES_BY_FIRST_WORD.get(word);
    if (phrases && !seenPhraseStarts?.has(word)) {
      seenPhraseStarts ??= new Set();
      seenPhraseStarts.add(word);
      padded ??= ` ${normalized} `;
      for (const p of phrases) if (padded.includes(p.padded)) scores[p.intent] += p.weight;
    }
  }
  let best: Scored | undefined;
  let second = 0;
  // A greeting in front of a request ("Bonjour, je veux envoyer…") is politeness, not the intent.
  for (const intent of SCORED) {
    const s = intent === "greeting" ? scores.greeting * 0.5 : scores[intent];
    if (best === undefined || s > (best === "greeting" ? scores.greeting * 0.5 : scores[best])) {
      if (best !== undefined) second = Math.max(second, best === "greeting" ? scores.greeting * 0.5 : scores[best]);
      best = intent;
    } else {
      second = Math.max(second, s);
    }
  }
  const top = best === undefined ? 0 : best === "greeting" ? scores.greeting * 0.5 : scores[best];
  if (best === undefined || scores[best] < 0.5) {
    // "ok", "merci", an emoji: certainly no request, so no reason to ask a model.
    const ack = words.every((w) => ACKNOWLEDGEMENTS.has(w));
    return { intent: "unknown", confidence: ack ? 0.9 : 0.5 };
  }
  const strength = best === "greeting" ? 0.9 : Math.min(0.97, 0.55 + 0.15 * top);
  const margin = top > 0 ? 1 - second / top : 0;
  const confidence = Math.round(Math.max(0.35, strength - 0.35 * (1 - margin)) * 100) / 100;
  return { intent: best, confidence };
}
