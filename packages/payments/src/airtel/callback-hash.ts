import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `hash` of an Airtel callback: base64 HMAC-SHA256, keyed by the application's callback secret, of the
 * callback's `transaction` object as JSON. It only filters noise: a callback never settles a payment.
 */
export function airtelCallbackHash(transaction: unknown, secret: string): string {
  return createHmac("sha256", secret).update(JSON.stringify(transaction)).digest("base64");
}

/** Constant-time check of a callback's `hash`. */
export function verifyAirtelCallbackHash(transaction: unknown, hash: unknown, secret: string): boolean {
  if (typeof hash !== "string" || hash.length === 0 || hash.length > 200) return false;
  const expected = Buffer.from(airtelCallbackHash(transaction, secret));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
