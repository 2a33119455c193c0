// No input crashes the parser: every kind's fixture with any one value replaced by any JSON value
// parses to events or a typed WebhookError (strict), and never throws in lenient mode.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebhookError } from "../errors.js";
import { parseWebhookPayload } from "../index.js";
import { kindFixture, kindFixtureNames } from "../test-support/webhook-fixtures.js";

type Json = unknown;

/** Every path to a value in a JSON tree. */
function paths(node: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) out.push(...paths(v, [...at, i]));
  } else if (typeof node === "object" && node !== null) {
    for (const [k, v] of Object.entries(node)) out.push(...paths(v, [...at, k]));
  }
  return out;
}

function replaced(root: Json, path: Array<string | number>, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

const fixtures = kindFixtureNames().map((name) => kindFixture(name));
const mutation = fc
  .integer({ min: 0, max: fixtures.length - 1 })
  .chain((i) => {
    const root = fixtures[i];
    // The root itself stays an object: a string root is a raw body, and a body that is not JSON throws by design.
    const all = paths(root).filter((p) => p.length > 0);
    return fc.tuple(fc.constant(root), fc.constantFrom(...all), fc.jsonValue({ maxDepth: 3 }));
  })
  .map(([root, path, value]) => replaced(root, path, value));

describe("parseWebhookPayload — any one value of any kind replaced", () => {
  it("strict: events or a WebhookError; lenient: events, each skipped part reported as a WebhookError", () => {
    fc.assert(
      fc.property(mutation, (payload) => {
        try {
          expect(Array.isArray(parseWebhookPayload(payload))).toBe(true);
        } catch (error) {
          expect(WebhookError.isInstance(error)).toBe(true);
        }
        const skipped: unknown[] = [];
        const events = parseWebhookPayload(payload, { onInvalid: (e) => skipped.push(e) });
        expect(Array.isArray(events)).toBe(true);
        for (const e of skipped) expect(WebhookError.isInstance(e)).toBe(true);
      }),
      { numRuns: 600 },
    );
  });
});
