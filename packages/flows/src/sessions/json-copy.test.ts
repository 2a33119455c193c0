import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyAsJson } from "./json-copy.js";

/** Every object and array reachable from `value`. */
function containers(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === "object" && value !== null) {
    into.add(value);
    for (const item of Object.values(value)) containers(item, into);
  }
  return into;
}

describe("copyAsJson", () => {
  it("gives what a JSON round trip gives, for any value a session could hold", () => {
    const value = fc.anything({
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withObjectString: true,
    });
    fc.assert(
      fc.property(value, (v) => {
        if (v === undefined) return;
        expect(copyAsJson(v)).toStrictEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });

  it("shares no object or array with what it copied, so a turn cannot change the stored session", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const copied = copyAsJson(v);
        const original = containers(v);
        for (const c of containers(copied)) expect(original.has(c)).toBe(false);
      }),
    );
  });

  it("writes Dates, -0, NaN, undefined and toJSON as JSON does", () => {
    const session = {
      userId: "242061234567",
      updatedAt: 1,
      processed: ["a", undefined],
      flow: {
        data: { at: new Date(0), zero: -0, bad: Number.NaN, gone: undefined, money: { toJSON: () => "5 000 FCFA" } },
      },
    };
    expect(copyAsJson(session)).toStrictEqual({
      userId: "242061234567",
      updatedAt: 1,
      processed: ["a", null],
      flow: { data: { at: "1970-01-01T00:00:00.000Z", zero: 0, bad: null, money: "5 000 FCFA" } },
    });
    expect(Object.is(copyAsJson(-0), 0)).toBe(true);
  });

  it("keeps a __proto__ key as JSON.parse does: an own property, never the copy's prototype", () => {
    const parsed = JSON.parse('{"data":{"__proto__":{"isAdmin":true},"x":1},"__proto__":"s"}');
    const copied = copyAsJson(parsed);
    expect(copied).toStrictEqual(JSON.parse(JSON.stringify(parsed)));
    expect(Object.getPrototypeOf(copied.data)).toBe(Object.prototype);
    expect(copied.data.isAdmin).toBeUndefined();
    expect(Object.hasOwn(copied, "__proto__")).toBe(true);
  });

  it("fails as JSON does on a BigInt and on a cycle", () => {
    expect(() => copyAsJson({ amount: 5n })).toThrow(TypeError);
    const data: Record<string, unknown> = { step: "pickup" };
    data.self = data;
    expect(() => copyAsJson({ flow: { data } })).toThrow(/circular/);
  });

  it("copies a deep value whole", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 1_000; i++) deep = { next: [deep] };
    expect(copyAsJson(deep)).toStrictEqual(JSON.parse(JSON.stringify(deep)));
  });
});
