import { type CountryCode, isSupportedCountry } from "libphonenumber-js/max";
import { SmartFallbackValidationError } from "../errors.js";

const checked = new Set<string>(["CG"]);

/**
 * Validates a default country once and returns it typed. An unknown code would otherwise make
 * every local number unreadable without a word, so it is a typed error naming the option.
 */
export function resolveCountry(value: string | undefined): CountryCode {
  const country = value ?? "CG";
  if (checked.has(country)) return country as CountryCode;
  if (typeof country !== "string" || !isSupportedCountry(country)) {
    throw new SmartFallbackValidationError(
      "defaultCountry",
      "must be an ISO 3166-1 alpha-2 code known to libphonenumber-js, such as CG",
    );
  }
  checked.add(country);
  return country;
}
