import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import { CacheUnavailableError } from "../errors.js";
import { MemoryStore } from "../rate-limit/memory-store.js";
import { RateLimiter } from "../rate-limit/rate-limiter.js";
import type { RateLimitAlgorithm } from "../rate-limit/types.js";
import { RedisStore } from "./store.js";
import { cleanup, openClient, startProxy, uniquePrefix } from "./test-support.js";

const prefix = uniquePrefix("store");
const algorithms: RateLimitAlgorithm[] = ["sliding-window", "fixed-window", "token-bucket"];

describeWithRedis("RedisStore on a real Redis", () => {
  let admin: Redis;
  beforeAll(() => {
    admin = openClient(services().redisUrl);
  });
  afterAll(async () => {
    await cleanup(admin, prefix);
    admin.disconnect();
  });

  for (const algorithm of algorithms) {
    it(`${algorithm}: N connections racing never admit more than the limit`, async () => {
      const clients = Array.from({ length: 6 }, () => openClient(services().redisUrl));
      try {
        // Long duration: the token bucket must not refill during the test.
        const limiters = clients.map(
          (client) =>
            new RateLimiter({ points: 37, duration: 3_600_000, algorithm, store: new RedisStore({ client, prefix }) }),
        );
        const results = await Promise.all(
          Array.from({ length: 240 }, (_, i) =>
            (limiters[i % limiters.length] as RateLimiter).consume("race", 1 + (i % 2)),
          ),
        );
        const points = results.reduce((sum, r, i) => sum + (r.allowed ? 1 + (i % 2) : 0), 0);
        expect(points).toBeLessThanOrEqual(37);
        expect(points).toBeGreaterThanOrEqual(36); // the last point is left only when every remaining request costs 2
        expect(await (limiters[0] as RateLimiter).getRemaining("race")).toBe(37 - points);
      } finally {
        for (const c of clients) c.disconnect();
      }
    });

    it(`${algorithm}: every key it writes has an expiry, the block key too`, async () => {
      const store = new RedisStore({ client: admin, prefix });
      const limiter = new RateLimiter({ points: 2, duration: 60_000, algorithm, blockDurationMs: 30_000, store });
      await limiter.consume("ttl");
      await limiter.consume("ttl");
      const denied = await limiter.consume("ttl");
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThanOrEqual(29_000);
      const keys = store.keysOf(limiter.name, "ttl");
      const present = [];
      for (const key of keys) {
        const pttl = await admin.pttl(key);
        if (pttl === -2) continue; // absent (e.g. the other window's counter)
        present.push(key);
        expect(pttl, key).toBeGreaterThan(0);
        expect(pttl, key).toBeLessThanOrEqual(60_000);
      }
      expect(present.length).toBeGreaterThanOrEqual(2); // a counter and the block marker
      const tags = new Set(keys.map((k) => k.slice(0, k.indexOf("}") + 1)));
      expect(tags.size).toBe(1); // one hash tag: one Cluster slot
      await limiter.reset("ttl");
      expect(await admin.exists(...keys)).toBe(0);
      expect(await limiter.isAllowed("ttl")).toBe(true);
    });
  }

  for (const coalesceWrites of [true, false]) {
    it(`a burst on one connection gets one exact answer per check (coalesceWrites: ${coalesceWrites})`, async () => {
      const store = new RedisStore({ client: admin, prefix, coalesceWrites });
      const limiter = new RateLimiter({ points: 7, duration: 3_600_000, algorithm: "fixed-window", store });
      const key = `burst-${coalesceWrites}`;
      const results = await Promise.all(Array.from({ length: 11 }, () => limiter.consume(key)));
      expect(results.filter((r) => r.allowed)).toHaveLength(7);
      // Each allowed check saw its own count: remaining 6, 5, … 0 once each, in the order they were sent.
      expect(results.slice(0, 7).map((r) => r.remaining)).toEqual([6, 5, 4, 3, 2, 1, 0]);
      expect(results.slice(7).every((r) => !r.allowed && r.retryAfterMs > 0)).toBe(true);
    });
  }

  for (const blockDurationMs of [0, 1]) {
    it(`fixed window${blockDurationMs ? " with block" : ""}: the count starts afresh when Redis' window ends`, async () => {
      const store = new RedisStore({ client: admin, prefix });
      const limiter = new RateLimiter({ points: 2, duration: 250, algorithm: "fixed-window", blockDurationMs, store });
      const key = `rollover-${blockDurationMs}`;
      // Start just after a window opens on Redis' clock, so the first three calls share one window.
      const [seconds, micros] = await admin.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      await new Promise((resolve) => setTimeout(resolve, 250 - (now % 250) + 5));
      await limiter.consume(key);
      await limiter.consume(key);
      const denied = await limiter.consume(key);
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(250);
      const pttl = await admin.pttl(store.keysOf(limiter.name, key)[0]);
      expect(pttl).toBeGreaterThan(0); // the counter expires with its window
      expect(pttl).toBeLessThanOrEqual(250);
      await new Promise((resolve) => setTimeout(resolve, denied.retryAfterMs + 2));
      expect(await limiter.consume(key)).toMatchObject({ allowed: true, remaining: 1 });
    });
  }

  it("sliding window: answers like the memory store (remaining, reset, retry)", async () => {
    const limiter = new RateLimiter({ points: 3, duration: 10_000, store: new RedisStore({ client: admin, prefix }) });
    const first = await limiter.consume("shape");
    expect(first).toMatchObject({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(first.resetMs).toBeGreaterThan(9_000);
    await limiter.consume("shape", 2);
    const denied = await limiter.consume("shape");
    expect(denied.allowed).toBe(false);
    expect(denied.remaining).toBe(0);
    expect(denied.retryAfterMs).toBeGreaterThan(9_000);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(10_000);
  });

  it("fixed window without block: denies past the limit without consuming, reads without writing", async () => {
    const store = new RedisStore({ client: admin, prefix });
    const limiter = new RateLimiter({ points: 3, duration: 60_000, algorithm: "fixed-window", store });
    expect(await limiter.getRemaining("fw")).toBe(3);
    expect(await admin.exists(...store.keysOf(limiter.name, "fw"))).toBe(0);
    expect(await limiter.consume("fw", 2)).toMatchObject({ allowed: true, remaining: 1, retryAfterMs: 0 });
    const denied = await limiter.consume("fw", 2);
    expect(denied).toMatchObject({ allowed: false, remaining: 1 });
    expect(denied.retryAfterMs).toBeGreaterThan(0);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(denied.resetMs).toBe(denied.retryAfterMs);
    expect(await limiter.consume("fw", 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.getRemaining("fw")).toBe(0);
  });

  it("reloads its scripts after SCRIPT FLUSH (NOSCRIPT → EVAL)", async () => {
    const limiter = new RateLimiter({ points: 5, duration: 10_000, store: new RedisStore({ client: admin, prefix }) });
    await limiter.consume("flush");
    await admin.script("FLUSH");
    expect(await limiter.consume("flush")).toMatchObject({ allowed: true, remaining: 3 });
    expect(await limiter.consume("flush")).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("Redis down mid-run: a typed error in bounded time, never a hang", async () => {
    const proxy = await startProxy(services().redisUrl);
    const client = openClient(`redis://127.0.0.1:${proxy.port}`, { maxRetriesPerRequest: null });
    try {
      const limiter = new RateLimiter({
        points: 5,
        duration: 10_000,
        store: new RedisStore({ client, prefix, timeoutMs: 300 }),
      });
      expect((await limiter.consume("down")).allowed).toBe(true);
      await proxy.cut();
      // maxRetriesPerRequest: null makes ioredis queue the command forever while it reconnects: only our timer ends it.
      const error = await limiter.consume("down").catch((e: unknown) => e);
      expect(CacheUnavailableError.isInstance(error)).toBe(true);
      expect((error as CacheUnavailableError).reason).toBe("timeout");
      expect((error as CacheUnavailableError).retryable).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it("a closed client rejects at once with reason connection", async () => {
    const client = openClient(services().redisUrl);
    await client.ping();
    client.disconnect();
    const limiter = new RateLimiter({ points: 5, duration: 10_000, store: new RedisStore({ client, prefix }) });
    const error = await limiter.consume("closed").catch((e: unknown) => e);
    expect(CacheUnavailableError.isInstance(error) && error.reason).toBe("connection");
  });

  it("with a fallback: keeps limiting in memory while Redis is down, and logs it", async () => {
    const proxy = await startProxy(services().redisUrl);
    const client = openClient(`redis://127.0.0.1:${proxy.port}`, { maxRetriesPerRequest: null });
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    try {
      const store = new RedisStore({ client, prefix, timeoutMs: 200, fallback: new MemoryStore(), logger });
      const limiter = new RateLimiter({ points: 2, duration: 60_000, store });
      expect((await limiter.consume("fb")).allowed).toBe(true);
      await proxy.cut();
      expect(await limiter.consume("fb")).toMatchObject({ allowed: true, remaining: 1 });
      expect(store.usingFallback).toBe(true);
      expect(await limiter.consume("fb")).toMatchObject({ allowed: true, remaining: 0 });
      expect((await limiter.consume("fb")).allowed).toBe(false);
      expect(warnings).toHaveLength(1);
    } finally {
      client.disconnect();
    }
  });

  it("an aborted call rejects with reason aborted and does not fall back", async () => {
    const store = new RedisStore({ client: admin, prefix, fallback: new MemoryStore() });
    const limiter = new RateLimiter({ points: 2, duration: 60_000, store });
    const error = await limiter.consume("abort", 1, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(CacheUnavailableError.isInstance(error) && error.reason).toBe("aborted");
  });
});
