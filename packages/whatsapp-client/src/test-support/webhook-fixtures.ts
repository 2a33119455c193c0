// Loads the webhook fixtures and renders bodies the way Meta sends them.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../webhooks/__fixtures__/${name}.json`, import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;
}

/** Meta's serialisation: compact JSON, non-ASCII as \uXXXX escapes and "/" as "\/". */
export function metaBody(payload: unknown): string {
  return JSON.stringify(payload)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replaceAll("/", "\\/");
}

export function sign(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
