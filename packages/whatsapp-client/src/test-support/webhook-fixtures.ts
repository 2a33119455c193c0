// Loads the webhook fixtures and renders bodies the way Meta sends them.
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as Record<string, unknown>;

export function fixture(name: string): Record<string, unknown> {
  return readJson(`../webhooks/__fixtures__/${name}.json`);
}

/** A delivery of one webhook kind, written from Meta's reference (`src/__fixtures__/webhooks/`). */
export function kindFixture(name: string): Record<string, unknown> {
  return readJson(`../__fixtures__/webhooks/${name}.json`);
}

/** The names of those deliveries. */
export function kindFixtureNames(): string[] {
  return readdirSync(new URL("../__fixtures__/webhooks/", import.meta.url))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
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
