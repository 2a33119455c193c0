import { createHmac, timingSafeEqual } from "node:crypto";

// Airtel's developer documentation (developers.airtel.africa → Collection APIs → "Callback With
// Authentication"; read through copies of that page, the portal itself asks for a login): with callback
// authentication enabled on the application, the callback body carries a `hash` — HmacSHA256 of the
// callback payload (the body without `hash`, i.e. `{"transaction":{…}}`), keyed by the private key shown
// in the application's settings taken as text, Base64-encoded. The page's Java sample signs exactly
// `{"transaction":{"id":…,"message":…,"status_code":…,"airtel_money_id":…}}`. How Airtel serialises that
// JSON (key order, escaping) is not published; this follows the sample (the fields in the order received,
// no spaces). It only filters noise either way: a callback never settles a payment.

/**
 * The `hash` of an Airtel callback whose `transaction` is given: base64 HMAC-SHA256, keyed by the
 * application's callback private key, of `{"transaction":…}` as JSON.
 */
export function airtelCallbackHash(transaction: unknown, secret: string): string {
  return createHmac("sha256", secret).update(JSON.stringify({ transaction })).digest("base64");
}

/** Constant-time check of a callback's `hash`. */
export function verifyAirtelCallbackHash(transaction: unknown, hash: unknown, secret: string): boolean {
  if (typeof hash !== "string" || hash.length === 0 || hash.length > 200) return false;
  const expected = Buffer.from(airtelCallbackHash(transaction, secret));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
