import { createHash } from "node:crypto";

/** Cache key of a model answer: model, country and a hash of the exact text (no PII in keys). */
export function cacheKey(model: string, country: string, text: string): string {
  const hash = createHash("sha256").update(text).digest("base64url").slice(0, 32);
  return `smart-fallback:v1:${model}:${country}:${hash}`;
}
