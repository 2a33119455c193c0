import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import { CacheValidationError } from "../errors.js";
import { cached } from "./cached.js";
import { memoize } from "./memoize.js";

// Compile the fixture with the TypeScript compiler (standard decorators, downlevelled for ES2022) and load it.
async function loadFixture(): Promise<typeof import("./cached.fixture.js")> {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = readFileSync(join(here, "cached.fixture.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const code = outputText
    .replace('"../ttl-cache/ttl-cache.js"', JSON.stringify(join(here, "../ttl-cache/ttl-cache.ts")))
    .replace('"./cached.js"', JSON.stringify(join(here, "cached.ts")));
  const dir = mkdtempSync(join(tmpdir(), "toktok-cached-"));
  const file = join(dir, "fixture.mjs");
  writeFileSync(file, code);
  return import(/* @vite-ignore */ file);
}

const { Catalogue, Svc, shared } = await loadFixture();

describe("@cached", () => {
  it("caches per arguments and per instance, and keeps `this`", async () => {
    const a = new Catalogue("a");
    const b = new Catalogue("b");
    expect(await a.products("m1")).toBe("a:m1:1");
    expect(await a.products("m1")).toBe("a:m1:1");
    expect(await a.products("m1", 2)).toBe("a:m1:2");
    expect(a.calls).toBe(2);
    expect(await b.products("m1")).toBe("b:m1:1");
    expect(b.calls).toBe(1);
  });

  it("shares one call between concurrent callers and never caches a rejection", async () => {
    const c = new Catalogue("c");
    const [x, y] = await Promise.all([c.order(1), c.order(1)]);
    expect(x).toBe(y);
    expect(c.calls).toBe(1);
    await expect(c.order(-1)).rejects.toThrow("bad id -1");
    await expect(c.order(-1)).rejects.toThrow("bad id -1");
    expect(c.calls).toBe(3);
  });

  it("caches static methods too", async () => {
    expect(await Catalogue.config()).toBe(42);
    expect(await Catalogue.config()).toBe(42);
    expect(Catalogue.loads).toBe(1);
  });

  it("uses a given shared cache, keyed by method name", async () => {
    const s1 = new Svc();
    const s2 = new Svc();
    await s1.load("x");
    await s2.load("x");
    expect(s1.n + s2.n).toBe(1);
    expect(shared.get("load:x")).toBe("v-x");
  });

  it("expires by ttl", async () => {
    vi.useFakeTimers();
    try {
      const c = new Catalogue("t");
      await c.products("m");
      vi.advanceTimersByTime(60_001);
      await c.products("m");
      expect(c.calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("validates its options", () => {
    expect(() => cached({ ttl: -1 })).toThrow(CacheValidationError);
  });
});

describe("memoize", () => {
  it("caches by arguments, shares concurrent calls, forgets and never caches errors", async () => {
    let fail = true;
    const fn = vi.fn(async (a: number, b: { x: number; y: number }) => {
      if (fail && a === 0) throw new Error("zero");
      return a + b.x + b.y;
    });
    const m = memoize(fn, { ttl: 1000 });
    const [r1, r2] = await Promise.all([m(1, { x: 1, y: 2 }), m(1, { y: 2, x: 1 })]);
    expect([r1, r2]).toEqual([4, 4]);
    expect(fn).toHaveBeenCalledTimes(1);
    await expect(m(0, { x: 0, y: 0 })).rejects.toThrow("zero");
    fail = false;
    expect(await m(0, { x: 0, y: 0 })).toBe(0);
    expect(m.forget(1, { x: 1, y: 2 })).toBe(true);
    await m(1, { x: 1, y: 2 });
    expect(fn).toHaveBeenCalledTimes(4);
    expect(m.cache.stats().hits).toBe(0);
  });

  it("accepts a key function and refuses arguments it cannot key", async () => {
    const m = memoize((f: () => number) => f(), { ttl: 1000 });
    await expect(m(() => 1)).rejects.toThrow(CacheValidationError);
    const k = memoize((f: () => number) => f(), { ttl: 1000, key: () => "one" });
    expect(await k(() => 1)).toBe(1);
    expect(await k(() => 2)).toBe(1);
  });
});
