import { parseAmount } from "../core/request-schema.js";
import { field, parseJson, text } from "./call.js";

/**
 * The token of an OAuth client-credentials answer, both providers' shape: `access_token` and
 * `expires_in` in seconds — a number, or a string as Airtel sends it ("180" in staging).
 * `undefined` when either is missing or the lifetime is not positive.
 */
export function readTokenAnswer(body: string): { token: string; expiresInSec: number } | undefined {
  const json = parseJson(body);
  const token = text(field(json, "access_token"));
  const expiresInSec = parseAmount(field(json, "expires_in"));
  if (token === undefined || expiresInSec === undefined || expiresInSec <= 0) return undefined;
  return { token, expiresInSec };
}
