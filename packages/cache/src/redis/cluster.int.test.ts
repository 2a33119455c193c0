// Every Redis-backed part of @toktok/cache on a real Redis Cluster: three masters of our own
// (scripts/faults/redis-cluster.ts), one cluster for the whole file.
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  clusterBinariesAvailable,
  startRedisCluster,
  type TestRedisCluster,
} from "../../../../scripts/faults/redis-cluster.js";
import { CacheCommandError } from "../errors.js";
import { RateLimiter } from "../rate-limit/rate-limiter.js";
import type { RateLimitAlgorithm } from "../rate-limit/types.js";
import { RedisCache } from "./cache.js";
import { keySlot } from "./key-slot.js";
import { RedisStore } from "./store.js";
import { TieredCache } from "./tiered.js";

const available = await clusterBinariesAvailable();
const algorithms: RateLimitAlgorithm[] = ["sliding-window", "fixed-window", "token-bucket"];

describe.skipIf(!available)("@toktok/cache on a Redis Cluster (3 masters)", () => {
  let cluster: TestRedisCluster;
  const clients: Cluster[] = [];
  const open = () => {
    const client = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    client.on("error", () => {});
    clients.push(client);
    return client;
  };
  // Which master holds `key` (its index in nodes("master")), from the cluster's own slot table.
  const ownerOf = async (admin: Cluster, key: string) => {
    const masters = admin.nodes("master");
    for (const [i, node] of masters.entries()) {
      const mine = (await node.call("CLUSTER", "COUNTKEYSINSLOT", keySlot(key))) as number;
      if (mine > 0 && (await node.exists(key)) === 1) return i;
    }
    return -1;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await cluster?.close();
  });

  it("computes the same hash slot as the cluster (CLUSTER KEYSLOT)", async () => {
    const admin = open();
    for (const key of ["foo", "{user}:a", "toktok:cache:é:1", "a{b}c", "x{}y", "{{z}}"]) {
      expect(keySlot(key), key).toBe(await admin.cluster("KEYSLOT", key));
    }
  });

  for (const algorithm of algorithms) {
    it(`RedisStore ${algorithm}: limits hold across connections, with the block key, on every master`, async () => {
      const [c1, c2] = [open(), open()];
      const rule = { points: 3, duration: 60_000, algorithm, blockDurationMs: 30_000, name: `cl-${algorithm}` };
      const limiters = [c1, c2].map((client) => new RateLimiter({ ...rule, store: new RedisStore({ client }) }));
      const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
      for (const user of users) {
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) => (limiters[i % 2] as RateLimiter).consume(user)),
        );
        expect(results.filter((r) => r.allowed)).toHaveLength(3);
      }
      // The users' keys are spread over the three masters (so the scripts ran on each).
      const store = new RedisStore({ client: c1 });
      const owners = new Set(
        await Promise.all(users.map((u) => ownerOf(c1, store.keysOf(rule.name, u)[0]).catch(() => -1))),
      );
      expect([...owners].filter((o) => o >= 0).length).toBe(3);
      await (limiters[0] as RateLimiter).reset("u0"); // DEL of counter + block: one slot
      expect(await (limiters[1] as RateLimiter).isAllowed("u0")).toBe(true);
    });
  }

  it("RedisCache.deleteByPrefix removes every matching key on every master, and nothing else", async () => {
    const client = open();
    const cache = new RedisCache<number>({ client, prefix: "cl-cache", ttl: 60_000 });
    const n = 1_500;
    await Promise.all(Array.from({ length: n }, (_, i) => cache.set(`user:${i}`, i)));
    await Promise.all(Array.from({ length: 50 }, (_, i) => cache.set(`order:${i}`, i)));
    const perMaster = await Promise.all(client.nodes("master").map((node) => node.call("DBSIZE") as Promise<number>));
    expect(perMaster.every((count) => count > 100)).toBe(true); // keys on every master
    expect(await cache.deleteByPrefix("user:")).toBe(n);
    const left = await Promise.all(client.nodes("master").map((node) => node.keys("cl-cache:*")));
    expect(left.flat().sort()).toEqual(Array.from({ length: 50 }, (_, i) => `cl-cache:order:${i}`).sort());
    expect(await cache.deleteByPrefix("user:")).toBe(0);
  });

  it("TieredCache: two instances on the cluster see each other's set, delete and prefix invalidations", async () => {
    const a = new TieredCache<string>({ client: open(), prefix: "cl-tiered", ttl: 60_000 });
    const b = new TieredCache<string>({ client: open(), prefix: "cl-tiered", ttl: 60_000 });
    try {
      await Promise.all([a.whenReady(), b.whenReady()]);
      await a.set("k", "v1");
      expect(await b.get("k")).toBe("v1");
      await a.set("k", "v2");
      await vi.waitFor(() => expect(b.l1.has("k")).toBe(false));
      expect(await b.get("k")).toBe("v2");
      await b.delete("k");
      await vi.waitFor(() => expect(a.l1.has("k")).toBe(false));
      for (let i = 0; i < 60; i++) await a.set(`p:${i}`, String(i));
      for (let i = 0; i < 60; i++) expect(await b.get(`p:${i}`)).toBe(String(i));
      expect(await a.deleteByPrefix("p:")).toBe(60);
      await vi.waitFor(() => expect(b.l1.size).toBe(0));
      for (let i = 0; i < 60; i++) expect(await b.get(`p:${i}`)).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("TieredCache: a failed prefix delete still invalidates the other instances, and its error surfaces", async () => {
    const healthy = open();
    // The same cluster, but UNLINK is refused (as CROSSSLOT refused the old one-UNLINK-for-all-keys).
    const refusing = new Proxy(open(), {
      get(target, property, receiver) {
        if (property === "call") {
          return (command: string, args: Array<string | number>) =>
            command.toUpperCase() === "UNLINK"
              ? Promise.reject(
                  Object.assign(new Error("CROSSSLOT Keys in request don't hash to the same slot"), {
                    name: "ReplyError",
                  }),
                )
              : target.call(command, args);
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const a = new TieredCache<string>({ client: refusing, prefix: "cl-fail", ttl: 60_000 });
    const b = new TieredCache<string>({ client: healthy, prefix: "cl-fail", ttl: 60_000 });
    try {
      await Promise.all([a.whenReady(), b.whenReady()]);
      for (let i = 0; i < 20; i++) await b.set(`p:${i}`, String(i));
      for (let i = 0; i < 20; i++) expect(await b.get(`p:${i}`)).toBe(String(i)); // in b's L1
      expect(b.l1.size).toBe(20);
      const failed = await a.deleteByPrefix("p:").catch((error: unknown) => error);
      expect(CacheCommandError.isInstance(failed)).toBe(true);
      await vi.waitFor(() => expect(b.l1.size).toBe(0));
      expect(b.stats().invalidationsReceived).toBeGreaterThanOrEqual(1);
      // And a failed single delete too.
      await b.get("p:1");
      expect(b.l1.has("p:1")).toBe(true);
      await expect(a.delete("p:1")).rejects.toThrow(/CROSSSLOT/);
      await vi.waitFor(() => expect(b.l1.has("p:1")).toBe(false));
    } finally {
      await a.close();
      await b.close();
    }
  });
});
