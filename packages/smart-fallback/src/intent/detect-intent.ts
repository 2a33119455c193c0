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
const SCORED: readonly Scored[] = ["courier", "marketplace", "track", "cancel", "help", "greeting", "human"];

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
// Each phrase is also written in SMS spelling ("quand arrive" → "qd arrive", "kan arrive"), once.
const SMS_OF = new Map<string, string[]>();
for (const [sms, full] of SMS_SPELLINGS) SMS_OF.set(full, [...(SMS_OF.get(full) ?? []), sms]);
const SPELLED = new Map<string, { intent: Scored; weight: number }>();
for (const [phrase, intent, weight] of PHRASES) {
  let variants = [""];
  for (const word of phrase.split(" ")) {
    const forms = [word, ...(SMS_OF.get(word) ?? [])];
    variants = variants.flatMap((v) => forms.map((f) => (v === "" ? f : `${v} ${f}`)));
  }
  for (const v of variants) if (!SPELLED.has(v)) SPELLED.set(v, { intent, weight });
}
// Words too frequent to gate a phrase test ("je", "c", "pour"): a phrase is indexed by its first
// other word, so only a message containing that word pays for the substring test.
const FREQUENT = new Set(
  "je j c est a au pour pr chez de d la le l que ce ca sa ou on pas ne y ya il vous vs mes".split(" "),
);
const PHRASES_BY_KEY_WORD = new Map<string, Array<{ padded: string; intent: Scored; weight: number }>>();
for (const [phrase, { intent, weight }] of SPELLED) {
  const words = phrase.split(" ");
  const key = words.find((w) => !FREQUENT.has(w)) ?? (words[words.length - 1] as string);
  const list = PHRASES_BY_KEY_WORD.get(key) ?? [];
  list.push({ padded: ` ${phrase} `, intent, weight });
  PHRASES_BY_KEY_WORD.set(key, list);
}
const NON_LETTERS = /[^a-z]+/g;
// Phrase starts already checked in the current message; reused so a call allocates nothing for it.
const SEEN_PHRASE_STARTS: string[] = [];
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
 * detectIntent("je veux parler à un agent"); // { intent: "human", … }
 */
export function detectIntent(text: string): IntentResult {
  if (typeof text !== "string") return { intent: "unknown", confidence: 0 };
  const normalized = fold(text).replace(NON_LETTERS, " ").trim();
  if (normalized.length === 0) return { intent: "unknown", confidence: 0.9 };
  const scores: Record<Scored, number> = {
    courier: 0,
    marketplace: 0,
    track: 0,
    cancel: 0,
    help: 0,
    greeting: 0,
    human: 0,
  };
  const words = normalized.split(" ");
  let padded: string | undefined;
  SEEN_PHRASE_STARTS.length = 0;
  for (const word of words) {
    const entries = lookup(word);
    if (entries) for (const e of entries) scores[e.intent] += e.weight;
    const phrases = PHRASES_BY_KEY_WORD.get(word);
    if (phrases && !SEEN_PHRASE_STARTS.includes(word)) {
      SEEN_PHRASE_STARTS.push(word);
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
