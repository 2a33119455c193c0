import { afterEach, describe, expect, it, vi } from "vitest";
import { CacheValidationError } from "../errors.js";
import { TtlCache } from "./ttl-cache.js";

function testClock(start = 0) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe("TtlCache", () => {
  afterEach(() => void vi.useRealTimers());

  it("stores, reads, expires by the injected clock (starting at 0) and counts", () => {
    const clock = testClock();
    const cache = new TtlCache<string>({ ttl: 1000, now: clock.now });
    cache.set("a", "1");
    cache.set("b", "2", { ttl: 5000 });
    expect(cache.get("a")).toBe("1");
    expect(cache.has("a")).toBe(true);
    clock.advance(1001);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.has("a")).toBe(false);
    expect(cache.get("b")).toBe("2");
    expect(cache.remainingTtl("b")).toBe(3999);
    clock.advance(4000);
    expect(cache.get("b")).toBeUndefined();
    const stats = cache.stats();
    expect(stats).toMatchObject({ hits: 2, misses: 2, hitRate: 0.5, sets: 2, expired: 2, size: 0 });
  });

  it("created before fake timers, follows them through now: () => Date.now()", () => {
    const cache = new TtlCache<number>({ ttl: 500, now: () => Date.now() });
    vi.useFakeTimers();
    cache.set("k", 1);
    vi.advanceTimersByTime(499);
    expect(cache.get("k")).toBe(1);
    vi.advanceTimersByTime(2);
    expect(cache.get("k")).toBeUndefined();
  });

  it("follows vitest fake timers without an injected clock", () => {
    vi.useFakeTimers();
    const cache = new TtlCache<number>({ ttl: 500 });
    cache.set("k", 1);
    vi.advanceTimersByTime(400);
    expect(cache.get("k")).toBe(1);
    vi.advanceTimersByTime(200);
    expect(cache.get("k")).toBeUndefined();
  });

  it("evicts the least recently used beyond max, and by maxSize with sizeCalculation", () => {
    const cache = new TtlCache<string>({ ttl: 0, max: 2 });
    cache.set("a", "1").set("b", "2");
    cache.get("a");
    cache.set("c", "3");
    expect(cache.has("b")).toBe(false);
    expect(cache.has("a")).toBe(true);
    expect(cache.stats().evicted).toBe(1);

    const sized = new TtlCache<string>({ ttl: 0, maxSize: 10, sizeCalculation: (v) => v.length });
    sized.set("x", "12345").set("y", "123456");
    expect(sized.has("x")).toBe(false);
    expect(sized.stats().calculatedSize).toBe(6);
  });

  it("deletes, clears and deletes by prefix", () => {
    const cache = new TtlCache<number>({ ttl: 0 });
    for (const k of ["user:1", "user:2", "order:1", "user:3"]) cache.set(k, 1);
    expect(cache.delete("user:3")).toBe(true);
    expect(cache.delete("user:3")).toBe(false);
    expect(cache.deleteByPrefix("user:")).toBe(2);
    expect(cache.has("order:1")).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("wrap: concurrent misses share one call and the value is cached", async () => {
    const cache = new TtlCache<number>({ ttl: 1000 });
    const gate = deferred<number>();
    const fn = vi.fn(() => gate.promise);
    const calls = [cache.wrap("k", fn), cache.wrap("k", fn), cache.wrap("k", fn)];
    expect(cache.stats().inflight).toBe(1);
    gate.resolve(42);
    expect(await Promise.all(calls)).toEqual([42, 42, 42]);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(await cache.wrap("k", fn)).toBe(42);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ coalesced: 2, hits: 1, misses: 3, inflight: 0 });
  });

  it("wrap: a failure is shared by the waiters and never cached", async () => {
    const cache = new TtlCache<number>({ ttl: 1000 });
    const gate = deferred<number>();
    const fn = vi.fn(() => gate.promise);
    const a = cache.wrap("k", fn);
    const b = cache.wrap("k", fn);
    const boom = new Error("db down");
    gate.reject(boom);
    await expect(a).rejects.toBe(boom);
    await expect(b).rejects.toBe(boom);
    expect(cache.has("k")).toBe(false);
    expect(await cache.wrap("k", () => 7)).toBe(7);
  });

  it("wrap: a synchronous throw is reported and leaves nothing in flight", async () => {
    const cache = new TtlCache<number>({ ttl: 1000 });
    await expect(
      cache.wrap("k", () => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    expect(cache.stats().inflight).toBe(0);
  });

  it("wrap: a delete during the load keeps the result out of the cache", async () => {
    const cache = new TtlCache<number>({ ttl: 1000 });
    const gate = deferred<number>();
    const pending = cache.wrap("user:1", () => gate.promise);
    cache.deleteByPrefix("user:");
    gate.resolve(1);
    expect(await pending).toBe(1);
    expect(cache.has("user:1")).toBe(false);
  });

  it("wrap: stale-while-revalidate serves the old value and refreshes once in the background", async () => {
    const clock = testClock(1_000);
    const cache = new TtlCache<string>({ ttl: 1000, now: clock.now });
    expect(await cache.wrap("k", () => "v1", { ttl: 100, staleWhileRevalidate: 1000 })).toBe("v1");
    clock.advance(150);
    const gate = deferred<string>();
    const refresh = vi.fn(() => gate.promise);
    expect(await cache.wrap("k", refresh, { ttl: 100, staleWhileRevalidate: 1000 })).toBe("v1");
    expect(await cache.wrap("k", refresh, { ttl: 100, staleWhileRevalidate: 1000 })).toBe("v1");
    expect(refresh).toHaveBeenCalledTimes(1);
    gate.resolve("v2");
    await gate.promise;
    await Promise.resolve();
    expect(cache.get("k")).toBe("v2");
    expect(cache.stats().staleHits).toBe(2);
    clock.advance(2000);
    expect(cache.get("k")).toBeUndefined();
  });

  it("wrap: a failed background refresh keeps the stale value and is counted and logged", async () => {
    const clock = testClock();
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const cache = new TtlCache<string>({ ttl: 1000, now: clock.now, logger });
    cache.set("k", "old", { ttl: 10, staleWhileRevalidate: 1000 });
    clock.advance(20);
    expect(await cache.wrap("k", () => Promise.reject(new Error("nope")))).toBe("old");
    await vi.waitFor(() => expect(cache.stats().refreshErrors).toBe(1));
    expect(warn).toHaveBeenCalledOnce();
    expect(cache.get("k")).toBe("old");
  });

  it("purges expired entries on the cleanup interval, and stop() ends it", () => {
    vi.useFakeTimers();
    const cache = new TtlCache<number>({ ttl: 100, cleanupIntervalMs: 1000 });
    cache.set("a", 1).set("b", 2);
    vi.advanceTimersByTime(1000);
    expect(cache.size).toBe(0);
    expect(cache.stats().expired).toBe(2);
    cache.stop();
    cache.set("c", 3);
    vi.advanceTimersByTime(5000);
    expect(cache.size).toBe(1);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
  });

  it("renders stats as a table", () => {
    const cache = new TtlCache<number>({ ttl: 0 });
    cache.set("a", 1);
    cache.get("a");
    cache.get("b");
    const table = cache.renderStats();
    expect(table).toContain("| hit rate");
    expect(table).toContain("50.0%");
    expect(table.split("\n")).toHaveLength(14);
  });

  it("rejects bad options with a typed error naming the field", () => {
    expect(() => new TtlCache({ ttl: -1 })).toThrow(CacheValidationError);
    try {
      new TtlCache({ ttl: 10, max: 1.5 });
    } catch (error) {
      expect(CacheValidationError.isInstance(error) && error.field).toBe("max");
    }
    expect(() => new TtlCache({ ttl: 10 }).set("a", 1, { ttl: -5 })).toThrow(/"ttl"/);
  });
});

describe("TtlCache counters", () => {
  it("tells expired from evicted entries, whoever removes them", () => {
    let t = 0;
    const cache = new TtlCache<number>({ ttl: 100, max: 3, now: () => t });
    cache.set("a", 1).set("b", 2).set("c", 3);
    t = 150; // a, b, c expired but still held
    expect(cache.get("a")).toBeUndefined(); // seen on a miss: expired
    cache.set("d", 4).set("e", 5).set("f", 6); // e and f push out b and c (expired, but never seen as such)
    const stats = cache.stats();
    expect(stats.expired).toBe(1);
    expect(stats.evicted).toBe(2);
    expect(stats.size).toBe(3);
    t = 300;
    expect(cache.purgeStale()).toBe(3);
    expect(cache.stats()).toMatchObject({ expired: 4, evicted: 2, size: 0 });
  });

  it("forgets the stale-while-revalidate marks of entries lru-cache evicted", async () => {
    const cache = new TtlCache<number>({ ttl: 1000, max: 10 });
    for (let i = 0; i < 500; i++) cache.set(`k${i}`, i, { ttl: 10, staleWhileRevalidate: 1000 });
    cache.clear();
    // internal map is not observable directly: a cleared cache revalidates nothing and serves nothing stale
    expect(await cache.wrap("k499", () => -1)).toBe(-1);
    expect(cache.stats().staleHits).toBe(0);
  });
});
