import type { CountryCode } from "libphonenumber-js/max";
import { extractAddress, markPlaces } from "../address/extract-address.js";
import { parseAmount } from "../amount/parse-amount.js";
import type { DeliveryField } from "../extract/types.js";
import { parsePhone } from "../phone/parse-phone.js";
import { extractRecipient } from "../recipient/extract-recipient.js";
import { capitalizeWords } from "../text/fold.js";
import { tokenize } from "../text/tokenize.js";
import { explain } from "./explain.js";
import type { Locale } from "./locales.js";

/** Outcome of a validator: the parsed value, or the re-prompt to send back. */
export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; field: DeliveryField /** The friendly re-prompt ({@link explain}). */; message: string };

/** Options shared by the validators. */
export interface ValidateOptions {
  locale?: Locale;
  defaultCountry?: CountryCode;
}

function fail<T>(field: DeliveryField, locale: Locale | undefined): Validation<T> {
  return { ok: false, field, message: explain(field, locale ?? "fr") };
}

/**
 * Validates the answer to "Quel est le montant ?": an integer XAF amount within bounds.
 * @example
 * validateAmount("5k"); // { ok: true, value: 5000 }
 * validateAmount("beaucoup"); // { ok: false, field: "amount", message: "⚠️ Je n'ai pas compris le montant.\n💡 …" }
 */
export function validateAmount(
  text: string,
  options: ValidateOptions & { min?: number; max?: number } = {},
): Validation<number> {
  const value = parseAmount(text, options);
  if (value === undefined || value < (options.min ?? 1) || value > (options.max ?? 100_000_000)) {
    return fail("amount", options.locale);
  }
  return { ok: true, value };
}

/** Validates a phone answer; the value is E.164. */
export function validatePhone(text: string, options: ValidateOptions = {}): Validation<string> {
  const value = parsePhone(text, options);
  return value === undefined ? fail("phone", options.locale) : { ok: true, value };
}

/** Validates an address answer: a known place, a street or a landmark, cleaned. */
export function validateAddress(text: string, options: ValidateOptions = {}): Validation<string> {
  if (typeof text !== "string") return fail("address", options.locale);
  const tokens = tokenize(text);
  const used = new Uint8Array(tokens.length);
  const reading = extractAddress(text, tokens, used, markPlaces(tokens, used));
  if (reading.value !== undefined) return { ok: true, value: reading.value };
  // When the bot asked for an address, any short text with letters is a place we do not know yet.
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (/\p{L}{3,}/u.test(trimmed) && trimmed.length <= 120) return { ok: true, value: trimmed };
  return fail("address", options.locale);
}

/** Validates a recipient-name answer: "Marie", "chez Marie", "Mme Mabiala". */
export function validateRecipientName(text: string, options: ValidateOptions = {}): Validation<string> {
  if (typeof text !== "string") return fail("recipientName", options.locale);
  const tokens = tokenize(text);
  const reading = extractRecipient(text, tokens, new Uint8Array(tokens.length));
  if (reading.value !== undefined) return { ok: true, value: reading.value };
  const trimmed = text.trim().replace(/\s+/g, " ");
  // A bare answer to "Quel est le nom ?" is the name itself, if it looks like one.
  if (/^\p{L}[\p{L}'’ -]{1,58}$/u.test(trimmed)) return { ok: true, value: capitalizeWords(trimmed) };
  return fail("recipientName", options.locale);
}
