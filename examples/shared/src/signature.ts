import { createHmac, timingSafeEqual } from "node:crypto";

/** Header carrying `sha256=<hex>` — HMAC-SHA256 of `<timestamp>.<raw body>` with the shared secret. */
export const SIGNATURE_HEADER = "x-toktok-signature";
/** Header carrying the Unix time (seconds) the sender signed at. */
export const TIMESTAMP_HEADER = "x-toktok-timestamp";

/**
 * Signs a body the way the relay expects (what the backend does before each POST).
 * The timestamp is part of the signed bytes, so a captured request cannot be replayed later.
 * @example
 * const headers = signEvent(secret, body);  // { "x-toktok-timestamp": "1763719200", "x-toktok-signature": "sha256=…" }
 */
export function signEvent(secret: string, rawBody: string | Uint8Array, timestamp = Math.floor(Date.now() / 1000)) {
  const mac = createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: `sha256=${mac}` };
}

/** Why a request was refused: `missing` → 401, the others → 403. */
export type SignatureProblem = "missing" | "malformed" | "expired" | "mismatch";

/** Checks the signature (constant time) and the timestamp window; `undefined` when valid. */
export function checkSignature(
  secret: string,
  rawBody: Uint8Array,
  headers: { signature: string | undefined; timestamp: string | undefined },
  options: { toleranceSeconds: number; nowMs?: number },
): SignatureProblem | undefined {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return "missing";
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!match || !/^\d{1,12}$/.test(timestamp)) return "malformed";
  const age = Math.abs((options.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (age > options.toleranceSeconds) return "expired";
  const expected = createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
  const given = Buffer.from(match[1] as string, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : "mismatch";
}
