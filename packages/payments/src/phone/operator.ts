import type { Operator } from "../core/types.js";

const CONGO_CODE = "242";

/**
 * The 9 national digits of a Congo-Brazzaville number (`061234567`), or `undefined` when `phone` is not one.
 * Accepts spaces, dots, dashes and the `+242`, `00242` and `242` prefixes.
 */
export function congoNationalNumber(phone: string): string | undefined {
  if (typeof phone !== "string" || phone.length > 40) return undefined;
  let digits = phone.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.length === 12 && digits.startsWith(CONGO_CODE)) digits = digits.slice(3);
  return /^0[4-6]\d{7}$/.test(digits) ? digits : undefined;
}

/**
 * The Mobile Money operator of a Congo number: MTN for `06…`, Airtel for `05…` and `04…`; `undefined` otherwise.
 * Numbers move between operators rarely but do: let the payer override the guess.
 * @example detectOperator("+242 06 123 45 67") // "mtn"
 */
export function detectOperator(phone: string): Operator | undefined {
  const national = congoNationalNumber(phone);
  if (national === undefined) return undefined;
  return national.startsWith("06") ? "mtn" : "airtel";
}

/** Digits only, without `+` or `00`: the form of a foreign or sandbox test number (MTN's `46733123450`). */
function internationalDigits(phone: string): string | undefined {
  let digits = phone.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  return /^\d{8,15}$/.test(digits) ? digits : undefined;
}

/** MTN's MSISDN: `242` and the 9 national digits for a Congo number; other numbers as international digits. */
export function mtnMsisdn(phone: string): string | undefined {
  const national = congoNationalNumber(phone);
  return national === undefined ? internationalDigits(phone) : `${CONGO_CODE}${national}`;
}

/** Airtel's msisdn: without the country code (the 9 national digits for a Congo number). */
export function airtelMsisdn(phone: string): string | undefined {
  const national = congoNationalNumber(phone);
  if (national !== undefined) return national;
  const digits = internationalDigits(phone);
  // A foreign number with its country code cannot be stripped without knowing the code: only accept bare digits.
  const written = phone.trim();
  const prefixed = written.startsWith("+") || written.startsWith("00");
  return digits !== undefined && !prefixed && digits.length <= 12 ? digits : undefined;
}
