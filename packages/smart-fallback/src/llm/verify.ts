import type { CountryCode } from "libphonenumber-js/max";
import { extractAddress, markPlaces } from "../address/extract-address.js";
import { maskPhones, readAmount } from "../amount/parse-amount.js";
import type { DeliveryField } from "../extract/types.js";
import { findPhones } from "../phone/find-phones.js";
import { TITLES } from "../recipient/recipient-lexicon.js";
import { editDistance } from "../text/edit-distance.js";
import { capitalizeWords, fold } from "../text/fold.js";
import { tokenize } from "../text/tokenize.js";
import type { LlmAnswer } from "./schema.js";

/** Fields of the model's answer that survived the checks, and those dropped. */
export interface VerifiedAnswer {
  values: Partial<Record<DeliveryField, string | number | null>>;
  dropped: DeliveryField[];
}

// Words a model may add to a place without it being an invention (a city it guessed is one).
const PLACE_FILLER = new Set([
  "rue",
  "avenue",
  "boulevard",
  "quartier",
  "arrondissement",
  "pres",
  "du",
  "de",
  "la",
  "le",
  "des",
  "chez",
  "au",
  "a",
]);

function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function appearsIn(word: string, textWords: ReadonlySet<string>): boolean {
  if (textWords.has(word)) return true;
  if (word.length < 5) return false;
  for (const w of textWords) if (editDistance(word, w, 1) <= 1) return true;
  return false;
}

function verifyPhone(value: string, text: string, country: CountryCode): string | undefined {
  const match = findPhones(value, country).matches[0];
  if (!match) return undefined;
  // The number must be in the message's digits: a model cannot add a phone the user never typed.
  const digits = text.replace(/\D+/g, "");
  return digits.includes(match.nationalNumber) ? match.e164 : undefined;
}

function verifyAmount(value: number, text: string, country: CountryCode): number | undefined {
  // Derivable means: one of the values the text itself can mean (phones masked, quantities excluded).
  const { derivable } = readAmount(maskPhones(text, country), "field");
  return derivable.includes(value) ? value : undefined;
}

function verifyAddress(value: string, textWords: ReadonlySet<string>): string | undefined {
  const words = wordsOf(value).filter((w) => !PLACE_FILLER.has(w));
  if (words.length === 0 || !words.every((w) => appearsIn(w, textWords))) return undefined;
  // Normalise what the model wrote against the gazetteer, like the deterministic path does.
  const tokens = tokenize(value);
  const used = new Uint8Array(tokens.length);
  const reading = extractAddress(value, tokens, used, markPlaces(tokens, used));
  return reading.value ?? value.trim().replace(/\s+/g, " ");
}

function verifyName(value: string, textWords: ReadonlySet<string>): string | undefined {
  const words = wordsOf(value).filter((w) => !TITLES.has(w) && w !== "m");
  if (words.length === 0 || !words.every((w) => textWords.has(w))) return undefined;
  return capitalizeWords(value.trim().replace(/\s+/g, " "));
}

/**
 * Checks each requested field of the model's answer against the message: a phone must be in
 * its digits, an amount derivable from it, an address and a name made of its words. A value
 * that fails is dropped (never trusted); `null` is kept as "not in the message".
 */
export function verifyAnswer(
  answer: LlmAnswer,
  text: string,
  fields: readonly DeliveryField[],
  country: CountryCode,
): VerifiedAnswer {
  const textWords = new Set(wordsOf(text));
  const values: VerifiedAnswer["values"] = {};
  const dropped: DeliveryField[] = [];
  for (const field of fields) {
    const raw = answer[field];
    if (raw === null) {
      values[field] = null;
      continue;
    }
    let checked: string | number | undefined;
    if (field === "phone") checked = verifyPhone(raw as string, text, country);
    else if (field === "amount") checked = verifyAmount(raw as number, text, country);
    else if (field === "address") checked = verifyAddress(raw as string, textWords);
    else checked = verifyName(raw as string, textWords);
    if (checked === undefined) dropped.push(field);
    else values[field] = checked;
  }
  return { values, dropped };
}
