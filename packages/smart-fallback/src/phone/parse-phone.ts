import type { CountryCode } from "libphonenumber-js/max";
import { resolveCountry } from "./country.js";
import { findPhones } from "./find-phones.js";

/** Options of {@link parsePhone}. */
export interface ParsePhoneOptions {
  /** ISO 3166-1 alpha-2 country used for numbers written without "+" or "00" (default `"CG"`). */
  defaultCountry?: CountryCode;
}

/**
 * Reads the first valid phone number in a text and returns it in E.164, or `undefined`.
 * Congo numbers keep their leading 0: `06 123 4567` → `+242061234567`.
 * @example
 * parsePhone("appelle le 06.123.45.67"); // "+242061234567"
 * parsePhone("00242 05 210 33 44"); // "+242052103344"
 * @throws SmartFallbackValidationError when `defaultCountry` is not a supported country code.
 */
export function parsePhone(text: string, options: ParsePhoneOptions = {}): string | undefined {
  const country = resolveCountry(options.defaultCountry);
  if (typeof text !== "string") return undefined;
  return findPhones(text, country).matches[0]?.e164;
}
