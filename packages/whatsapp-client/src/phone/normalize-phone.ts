import { PhoneNumberError } from "../errors.js";

/** Calling code and national number rules of the countries the default can be set to. */
interface CountryRule {
  callingCode: string;
  /** Lengths of the national significant number, as dialled inside the country. */
  nationalLengths: readonly number[];
  /** Whether a leading 0 is a trunk prefix to drop (true in most countries, false in Congo). */
  trunkZero: boolean;
}

// Congo-Brazzaville has no trunk prefix: the leading 0 is part of the 9-digit
// number, so `06 123 4567` becomes 242 061234567. Other entries are the
// neighbours and diaspora countries users of a Congolese bot most often type.
const COUNTRIES: Readonly<Record<string, CountryRule>> = {
  CG: { callingCode: "242", nationalLengths: [9], trunkZero: false },
  CD: { callingCode: "243", nationalLengths: [9], trunkZero: true },
  CM: { callingCode: "237", nationalLengths: [9], trunkZero: false },
  GA: { callingCode: "241", nationalLengths: [7, 8], trunkZero: false },
  CF: { callingCode: "236", nationalLengths: [8], trunkZero: false },
  CI: { callingCode: "225", nationalLengths: [10], trunkZero: false },
  SN: { callingCode: "221", nationalLengths: [9], trunkZero: false },
  FR: { callingCode: "33", nationalLengths: [9], trunkZero: true },
  BE: { callingCode: "32", nationalLengths: [8, 9], trunkZero: true },
  US: { callingCode: "1", nationalLengths: [10], trunkZero: false },
};

/** Options of {@link normalizePhone}. */
export interface NormalizePhoneOptions {
  /** ISO 3166 country of numbers written without a country code. Defaults to `"CG"` (Congo-Brazzaville). */
  defaultCountry?: string;
  /** Field name used in the error, e.g. `to`. Defaults to `phone`. */
  field?: string;
}

const CG_INTERNATIONAL = /^242(0\d{8})$/;
const WA_ID = /^[1-9]\d{9,14}$/;

/**
 * Turns a phone number as people write it into WhatsApp ID digits (E.164 without `+`).
 *
 * @example
 * normalizePhone("06 123 4567");        // "242061234567"
 * normalizePhone("+242 06 123 45 67");  // "242061234567"
 * normalizePhone("+33 6 12 34 56 78");  // "33612345678"
 */
export function normalizePhone(input: string, options: NormalizePhoneOptions = {}): string {
  // Fast path for what sends mostly get: WhatsApp ID digits from a webhook.
  const cg = options.defaultCountry === undefined || options.defaultCountry === "CG";
  if (
    cg &&
    typeof input === "string" &&
    WA_ID.test(input) &&
    (!input.startsWith("242") || CG_INTERNATIONAL.test(input))
  ) {
    return input;
  }
  const field = options.field ?? "phone";
  const country = (options.defaultCountry ?? "CG").toUpperCase();
  const rule = COUNTRIES[country];
  if (rule === undefined) throw new PhoneNumberError("defaultCountry", `unsupported country ${country}`);
  if (typeof input !== "string") throw new PhoneNumberError(field, "expected a string");
  const trimmed = input.trim();
  // A single + is allowed before the first digit, e.g. "+242 …" or "(+242) …".
  if (!/^[\s(]*\+?[\d\s().\-/]+$/.test(trimmed) || !/\d/.test(trimmed)) {
    throw new PhoneNumberError(field, "only digits, spaces, +, -, ., / and parentheses are allowed");
  }
  let digits = trimmed.replace(/\D/g, "");
  let international = /^[\s(]*\+/.test(trimmed);
  if (!international && digits.startsWith("00")) {
    digits = digits.slice(2);
    international = true;
  }
  if (international) return checkInternational(digits, field);

  // Without + or 00: a national number of the default country, or WhatsApp ID digits.
  let national = digits;
  if (rule.trunkZero && national.startsWith("0")) national = national.slice(1);
  if (rule.nationalLengths.includes(national.length)) {
    if (country === "CG" && !national.startsWith("0")) {
      throw new PhoneNumberError(field, "a Congo number has 9 digits and starts with 0, e.g. 06 123 4567");
    }
    return rule.callingCode + national;
  }
  if (digits.startsWith("0")) {
    throw new PhoneNumberError(
      field,
      `a ${country} national number has ${rule.nationalLengths.join(" or ")} digits, got ${national.length}`,
    );
  }
  // WhatsApp IDs (country code + number) have at least 10 digits; anything
  // shorter without a + is a national number with a digit missing or extra.
  if (digits.length < 10) {
    throw new PhoneNumberError(
      field,
      `a ${country} national number has ${rule.nationalLengths.join(" or ")} digits, got ${digits.length}`,
    );
  }
  return checkInternational(digits, field);
}

function checkInternational(digits: string, field: string): string {
  if (digits.startsWith("242")) {
    if (CG_INTERNATIONAL.test(digits)) return digits;
    throw new PhoneNumberError(field, "a +242 number has 9 digits after 242 and starts with 0, e.g. +242 06 123 4567");
  }
  if (digits.startsWith("0")) throw new PhoneNumberError(field, "a country code cannot start with 0");
  if (digits.length < 8 || digits.length > 15) {
    throw new PhoneNumberError(field, `an international number has 8 to 15 digits, got ${digits.length}`);
  }
  return digits;
}
