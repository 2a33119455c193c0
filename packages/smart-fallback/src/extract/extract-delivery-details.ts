import type { CountryCode } from "libphonenumber-js/max";
import { extractAddress, markPlaces } from "../address/extract-address.js";
import { readAmount } from "../amount/parse-amount.js";
import { resolveCountry } from "../phone/country.js";
import { findPhones } from "../phone/find-phones.js";
import { extractRecipient } from "../recipient/extract-recipient.js";
import { tokenize } from "../text/tokenize.js";
import type { DeliveryDetails } from "./types.js";

/** Options of {@link extractDeliveryDetails}. */
export interface ExtractOptions {
  /** Country of numbers written without "+" or "00" (default `"CG"`). */
  defaultCountry?: CountryCode;
}

const EMPTY: DeliveryDetails = {
  confidence: 1,
  fieldConfidence: { phone: 1, amount: 1, address: 1, recipientName: 1 },
};

/**
 * Reads phone, amount, address and recipient from a free French message. Synchronous and
 * without I/O: phones are found (and masked) first so their digits never become the amount.
 * @example
 * extractDeliveryDetails("Envoyer à Moungali chez Marie, 06 123 4567, 5000 francs");
 * // { address: "Moungali", recipientName: "Marie", phone: "+242061234567", amount: 5000, … }
 * @throws SmartFallbackValidationError when `defaultCountry` is not a supported country code.
 */
export function extractDeliveryDetails(text: string, options: ExtractOptions = {}): DeliveryDetails {
  const country = resolveCountry(options.defaultCountry);
  if (typeof text !== "string" || text.trim().length === 0) {
    return { ...EMPTY, fieldConfidence: { ...EMPTY.fieldConfidence } };
  }
  const phones = findPhones(text, country);
  let masked = text;
  if (phones.matches.length > 0) {
    masked = "";
    let last = 0;
    for (const m of phones.matches) {
      masked += `${text.slice(last, m.start)}|${" ".repeat(Math.max(0, m.end - m.start - 1))}`;
      last = m.end;
    }
    masked += text.slice(last);
  }
  const amount = readAmount(masked, "message");

  const tokens = tokenize(text);
  const used = new Uint8Array(tokens.length);
  for (const m of phones.matches) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t && t.start < m.end && t.end > m.start) used[i] = 1;
    }
  }
  let places = markPlaces(tokens, used);
  const recipient = extractRecipient(text, tokens, used);
  for (let k = recipient.from; k >= 0 && k < recipient.to; k++) used[k] = 1;
  if (recipient.from >= 0 && places.length > 0) {
    let overlap = false;
    for (const p of places) overlap ||= p.to > recipient.from && p.from < recipient.to;
    // A place name read as the name after a title ("l'abbé Massengo") is no longer a place.
    if (overlap) places = places.filter((p) => p.to <= recipient.from || p.from >= recipient.to);
  }
  const address = extractAddress(text, tokens, used, places);

  const first = phones.matches[0];
  // Several distinct phones, or digit runs that failed validation, make the phone field doubtful.
  const distinct = new Set(phones.matches.map((m) => m.e164)).size;
  const phoneConfidence = first
    ? distinct > 1
      ? 0.6
      : first.type === "MOBILE" || first.type === "FIXED_LINE_OR_MOBILE"
        ? 0.98
        : 0.9
    : phones.invalidRuns > 0
      ? 0.5
      : 1;

  const fieldConfidence = {
    phone: phoneConfidence,
    amount: amount.confidence,
    address: address.confidence,
    recipientName: recipient.confidence,
  };
  const result: DeliveryDetails = {
    confidence: Math.min(
      fieldConfidence.phone,
      fieldConfidence.amount,
      fieldConfidence.address,
      fieldConfidence.recipientName,
    ),
    fieldConfidence,
  };
  if (address.value !== undefined) result.address = address.value;
  if (address.location !== undefined) result.location = address.location;
  if (first) result.phone = first.e164;
  if (amount.value !== undefined) result.amount = amount.value;
  if (recipient.value !== undefined) result.recipientName = recipient.value;
  return result;
}
