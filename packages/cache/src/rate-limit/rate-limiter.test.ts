import { describe, expect, it, vi } from "vitest";
import { CacheValidationError } from "../errors.js";
import { MemoryStore } from "./memory-store.js";
import { RateLimiter } from "./rate-limiter.js";

function clock(start = 0) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("RateLimiter — sliding window (default)", () => {
  it("admits points per duration, then reports when to retry", async () => {
    const c = clock(10_000);
    const limiter = new RateLimiter({ points: 3, duration: 1000, now: c.now });
    expect(await limiter.consume("u")).toEqual({ allowed: true, remaining: 2, resetMs: 1000, retryAfterMs: 0 });
    c.advance(100);
    await limiter.consume("u");
    c.advance(100);
    expect(await limiter.consume("u")).toMatchObject({ allowed: true, remaining: 0 });
    const denied = await limiter.consume("u");
    expect(denied).toEqual({ allowed: false, remaining: 0, resetMs: 1000, retryAfterMs: 800 });
    c.advance(799);
    expect(await limiter.isAllowed("u")).toBe(false);
    c.advance(1);
    expect(await limiter.isAllowed("u")).toBe(true);
    expect(await limiter.getRemaining("other")).toBe(3);
  });

  it("charges a cost and refuses one that cannot fit", async () => {
    const c = clock();
    const limiter = new RateLimiter({ points: 5, duration: 1000, now: c.now });
    expect(await limiter.consume("u", 4)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.consume("u", 2)).toMatchObject({ allowed: false, remaining: 1, retryAfterMs: 1000 });
    expect(await limiter.getRemaining("u")).toBe(1);
    await expect(limiter.consume("u", 6)).rejects.toThrow(CacheValidationError);
    await expect(limiter.consume("u", 0)).rejects.toThrow(/"cost"/);
    await expect(limiter.consume("")).rejects.toThrow(/"key"/);
  });

  it("resets a key", async () => {
    const limiter = new RateLimiter({ points: 1, duration: 60_000 });
    await limiter.consume("u");
    expect(await limiter.isAllowed("u")).toBe(false);
    await limiter.reset("u");
    expect(await limiter.isAllowed("u")).toBe(true);
  });
});

describe("RateLimiter — fixed window", () => {
  it("counts per aligned window", async () => {
    const c = clock(1500);
    const limiter = new RateLimiter({ points: 2, duration: 1000, algorithm: "fixed-window", now: c.now });
    expect(await limiter.consume("u")).toEqual({ allowed: true, remaining: 1, resetMs: 500, retryAfterMs: 0 });
    await limiter.consume("u");
    expect(await limiter.consume("u")).toEqual({ allowed: false, remaining: 0, resetMs: 500, retryAfterMs: 500 });
    c.advance(500);
    expect(await limiter.consume("u")).toMatchObject({ allowed: true, remaining: 1, resetMs: 1000 });
  });
});

describe("RateLimiter — token bucket", () => {
  it("refills continuously", async () => {
    const c = clock();
    const limiter = new RateLimiter({ points: 10, duration: 1000, algorithm: "token-bucket", now: c.now });
    expect(await limiter.consume("u", 10)).toEqual({ allowed: true, remaining: 0, resetMs: 1000, retryAfterMs: 0 });
    expect(await limiter.consume("u", 2)).toEqual({ allowed: false, remaining: 0, resetMs: 1000, retryAfterMs: 200 });
    c.advance(200);
    expect(await limiter.consume("u", 2)).toMatchObject({ allowed: true, remaining: 0 });
    c.advance(5000);
    expect(await limiter.getRemaining("u")).toBe(10);
  });
});

describe("RateLimiter — block duration", () => {
  it("blocks the key after a denial, then lifts the block", async () => {
    const c = clock();
    const limiter = new RateLimiter({ points: 1, duration: 1000, blockDurationMs: 5000, now: c.now });
    await limiter.consume("u");
    expect(await limiter.consume("u")).toMatchObject({ allowed: false, retryAfterMs: 5000, resetMs: 5000 });
    c.advance(2000);
    expect(await limiter.consume("u")).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 3000 });
    expect(await limiter.getRemaining("u")).toBe(0);
    c.advance(3000);
    expect(await limiter.consume("u")).toMatchObject({ allowed: true });
  });
});

describe("presets", () => {
  it("backend API: 30 per minute per user", async () => {
    const c = clock();
    const api = RateLimiter.presets.backendApi({ now: c.now });
    expect([api.points, api.duration, api.algorithm, api.name]).toEqual([30, 60_000, "sliding-window", "backend-api"]);
    for (let i = 0; i < 30; i++) expect(await api.isAllowed("user-1")).toBe(true);
    expect(await api.isAllowed("user-1")).toBe(false);
    expect(await api.isAllowed("user-2")).toBe(true);
  });

  it("WhatsApp: 80 sends per second per business number, 1 per 6 s per recipient", () => {
    const sends = RateLimiter.presets.whatsappSends();
    expect([sends.points, sends.duration]).toEqual([80, 1000]);
    const pair = RateLimiter.presets.whatsappPerRecipient({ name: "pair-test" });
    expect([pair.points, pair.duration, pair.algorithm, pair.name]).toEqual([1, 6000, "token-bucket", "pair-test"]);
  });
});

describe("MemoryStore", () => {
  it("drops keys that are back to full and stops its unref'd timer when empty", async () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryStore({ pruneIntervalMs: 1000 });
      const limiter = new RateLimiter({ points: 2, duration: 500, store });
      for (let i = 0; i < 100; i++) await limiter.consume(`k${i}`);
      expect(store.size).toBe(100);
      expect(vi.getTimerCount()).toBeGreaterThanOrEqual(1); // the sweep (and the clock's 1 ms refresh)
      vi.advanceTimersByTime(1000);
      expect(store.size).toBe(0);
      vi.advanceTimersByTime(5); // the clock's 1 ms refresh
      expect(vi.getTimerCount()).toBe(0); // the sweep stopped itself: nothing keeps a process alive
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads (cost 0) never create state", async () => {
    const store = new MemoryStore();
    const limiter = new RateLimiter({ points: 2, duration: 500, store });
    expect(await limiter.getRemaining("ghost")).toBe(2);
    expect(store.size).toBe(0);
  });
});

describe("options", () => {
  it("name the field and the rule", () => {
    expect(() => new RateLimiter({ points: 0, duration: 1 })).toThrow(
      'invalid option "points": must be an integer >= 1',
    );
    expect(() => new RateLimiter({ points: 1, duration: 1.5 })).toThrow(/"duration"/);
    // @ts-expect-error: not an algorithm
    expect(() => new RateLimiter({ points: 1, duration: 1, algorithm: "leaky" })).toThrow(
      /"algorithm": must be one of/,
    );
    expect(() => new RateLimiter({ points: 1, duration: 1, blockDurationMs: -1 })).toThrow(/"blockDurationMs"/);
  });
});
