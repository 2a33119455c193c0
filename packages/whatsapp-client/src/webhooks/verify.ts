import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookError } from "../errors.js";

/** The query of Meta's subscription check (`GET` with `hub.*` parameters). */
export type SubscriptionQuery =
  | URLSearchParams
  | Record<string, string | string[] | undefined>
  | { get(name: string): string | null };

function param(query: SubscriptionQuery, name: string): string | undefined {
  if (typeof (query as URLSearchParams).get === "function") return (query as URLSearchParams).get(name) ?? undefined;
  const v = (query as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Answers Meta's webhook subscription check: returns `hub.challenge` when
 * `hub.mode` is `subscribe` and `hub.verify_token` matches.
 *
 * @throws {WebhookError} `WHATSAPP_INVALID_SUBSCRIPTION` otherwise (answer 403).
 */
export function verifySubscription(query: SubscriptionQuery, verifyToken: string): string {
  const mode = param(query, "hub.mode");
  const token = param(query, "hub.verify_token");
  const challenge = param(query, "hub.challenge");
  if (mode !== "subscribe") throw new WebhookError("WHATSAPP_INVALID_SUBSCRIPTION", "hub.mode must be subscribe");
  if (typeof token !== "string" || !safeEqualText(token, verifyToken)) {
    throw new WebhookError("WHATSAPP_INVALID_SUBSCRIPTION", "hub.verify_token does not match");
  }
  if (typeof challenge !== "string" || challenge === "") {
    throw new WebhookError("WHATSAPP_INVALID_SUBSCRIPTION", "hub.challenge is missing");
  }
  return challenge;
}

function safeEqualText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app
 * secret) in constant time. Pass the body exactly as received: Meta signs its
 * escaped-unicode JSON (`\u00e9`), so a re-serialised object never matches.
 * Never throws: anything malformed is simply `false`.
 */
export function verifySignature(
  rawBody: string | Uint8Array | ArrayBuffer,
  signatureHeader: string | null | undefined,
  appSecret: string,
): boolean {
  try {
    if (typeof signatureHeader !== "string" || typeof appSecret !== "string" || appSecret === "") return false;
    const match = SIGNATURE.exec(signatureHeader.trim());
    if (match === null) return false;
    const body =
      typeof rawBody === "string"
        ? Buffer.from(rawBody, "utf8")
        : rawBody instanceof Uint8Array
          ? rawBody
          : rawBody instanceof ArrayBuffer
            ? new Uint8Array(rawBody)
            : undefined;
    if (body === undefined) return false;
    const expected = createHmac("sha256", appSecret).update(body).digest();
    const given = Buffer.from(match[1] as string, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  } catch {
    return false;
  }
}
