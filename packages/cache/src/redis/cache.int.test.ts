import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import { CacheSerializationError, CacheUnavailableError } from "../errors.js";
import { RedisCache } from "./cache.js";
import { cleanup, openClient, startProxy, uniquePrefix } from "./test-support.js";

const prefix = uniquePrefix("redis-cache");

describeWithRedis("RedisCache on a real Redis", () => {
  let client: Redis;
  let cache: RedisCache<{ n: number; tags?: string[] }>;
  beforeAll(() => {
    client = openClient(services().redisUrl);
    cache = new RedisCache({ client, prefix, ttl: 60_000 });
  });
  afterAll(async () => {
    await cleanup(client, prefix);
    client.disconnect();
  });

  it("stores JSON with a TTL on every key, reads, deletes", async () => {
    await cache.set("a", { n: 1, tags: ["x"] });
    await cache.set("short", { n: 2 }, { ttl: 5_000 });
    expect(await cache.get("a")).toEqual({ n: 1, tags: ["x"] });
    expect(await cache.has("a")).toBe(true);
    expect(await client.pttl(cache.keyOf("a"))).toBeGreaterThan(59_000);
    const short = await cache.remainingTtl("short");
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThanOrEqual(5_000);
    expect(await cache.delete("a")).toBe(true);
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.delete("a")).toBe(false);
  });

  it("deleteByPrefix removes exactly the matching keys, glob characters taken literally", async () => {
    for (let i = 0; i < 1200; i++) await client.set(cache.keyOf(`user:${i}`), "{}", "PX", 60_000);
    await cache.set("user*x", { n: 1 });
    await cache.set("user?", { n: 1 });
    await cache.set("order:1", { n: 1 });
    expect(await cache.deleteByPrefix("user*")).toBe(1);
    expect(await cache.deleteByPrefix("user:")).toBe(1200);
    expect(await cache.get("user?")).toEqual({ n: 1 });
    expect(await cache.get("order:1")).toEqual({ n: 1 });
  });

  it("wrap computes once for concurrent misses and never caches a failure", async () => {
    const fn = vi.fn(async () => ({ n: 7 }));
    const results = await Promise.all([cache.wrap("w", fn), cache.wrap("w", fn), cache.wrap("w", fn)]);
    expect(results).toEqual([{ n: 7 }, { n: 7 }, { n: 7 }]);
    expect(fn).toHaveBeenCalledTimes(1);
    await expect(cache.wrap("fail", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.has("fail")).toBe(false);
  });

  it("reports corrupt values with a typed error", async () => {
    await client.set(cache.keyOf("bad"), "{not json", "PX", 60_000);
    const error = await cache.get("bad").catch((e: unknown) => e);
    expect(CacheSerializationError.isInstance(error) && error.key).toBe("bad");
  });

  it("rejects with CacheUnavailableError when Redis goes away", async () => {
    const proxy = await startProxy(services().redisUrl);
    const viaProxy = openClient(`redis://127.0.0.1:${proxy.port}`, { maxRetriesPerRequest: null });
    try {
      const remote = new RedisCache({ client: viaProxy, prefix, ttl: 60_000, timeoutMs: 250 });
      await remote.set("p", 1);
      await proxy.cut();
      const error = await remote.get("p").catch((e: unknown) => e);
      expect(CacheUnavailableError.isInstance(error)).toBe(true);
    } finally {
      viaProxy.disconnect();
    }
  });
});
