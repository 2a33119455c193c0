import type { PaymentMethod } from "../domain.js";

/**
 * The 9 national digits of a Congo mobile number typed by a customer (`06 123 45 67`, `+242 05…`,
 * `00242 04…`), whatever its operator; `undefined` when the text is not one.
 */
export function congoMobileNumber(text: string): string | undefined {
  const digits = text.replace(/[\s.\-()+]/g, "").replace(/^00/, "");
  const national = /^2420[4-6]\d{7}$/.test(digits) ? digits.slice(3) : digits;
  return /^0[4-6]\d{7}$/.test(national) ? national : undefined;
}

/**
 * Whether a national number carries the usual prefix of the method's operator (MTN: 06; Airtel: 05, 04).
 * Only a guess: a number ported to the other operator keeps its prefix, so a mismatch is asked about, never
 * refused.
 */
export function usualPrefix(national: string, method: Exclude<PaymentMethod, "cash">): boolean {
  return (method === "mtn_momo") === national.startsWith("06");
}
