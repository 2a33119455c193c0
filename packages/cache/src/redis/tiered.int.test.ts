import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import { cleanup, openClient, uniquePrefix } from "./test-support.js";
import { TieredCache } from "./tiered.js";

const prefix = uniquePrefix("tiered");
const here = dirname(fileURLToPath(import.meta.url));

describeWithRedis("TieredCache on a real Redis", () => {
  let admin: Redis;
  const opened: Redis[] = [];
  const caches: TieredCache<unknown>[] = [];
  const make = async <V>(extra: Partial<ConstructorParameters<typeof TieredCache>[0]> = {}) => {
    const client = openClient(services().redisUrl);
    opened.push(client);
    const cache = new TieredCache<V>({ client, prefix, ttl: 60_000, ...extra });
    caches.push(cache as TieredCache<unknown>);
    await cache.whenReady();
    return cache;
  };

  beforeAll(() => {
    admin = openClient(services().redisUrl);
  });
  afterAll(async () => {
    for (const c of caches) await c.close();
    for (const c of opened) c.disconnect();
    await cleanup(admin, prefix);
    admin.disconnect();
  });

  it("set / delete / deleteByPrefix in one process drop the other's L1 copy", async () => {
    const a = await make<string>();
    const b = await make<string>();
    await a.set("user:1", "v1");
    expect(await b.get("user:1")).toBe("v1"); // now in b's L1
    expect(b.l1.has("user:1")).toBe(true);

    await a.set("user:1", "v2");
    await vi.waitFor(() => expect(b.l1.has("user:1")).toBe(false));
    expect(await b.get("user:1")).toBe("v2");

    await a.delete("user:1");
    await vi.waitFor(() => expect(b.l1.has("user:1")).toBe(false));
    expect(await b.get("user:1")).toBeUndefined();

    await a.set("user:2", "x");
    await a.set("user:3", "y");
    await b.get("user:2");
    await b.get("user:3");
    expect(await a.deleteByPrefix("user:")).toBe(2);
    await vi.waitFor(() => expect(b.l1.size).toBe(0));
    expect(b.stats().invalidationsReceived).toBeGreaterThanOrEqual(5);
    expect(a.stats().invalidationsReceived).toBe(0); // its own messages are skipped
  });

  it("wrap in two instances of one process: one computation, the other waits and reads it", async () => {
    const a = await make<number>();
    const b = await make<number>();
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 150));
      return 42;
    };
    const [x, y] = await Promise.all([a.wrap("answer", slow), b.wrap("answer", slow)]);
    expect([x, y]).toEqual([42, 42]);
    expect(calls).toBe(1);
    expect(a.stats().lockWaits + b.stats().lockWaits).toBe(1);
    expect(await admin.exists(`${prefix}:lock:answer`)).toBe(0); // released
  });

  it("a waiter computes itself once the holder fails, and failures are never cached", async () => {
    const a = await make<string>({ lock: { pollMs: 20 } });
    const b = await make<string>({ lock: { pollMs: 20 } });
    const failing = async () => {
      await new Promise((r) => setTimeout(r, 60));
      throw new Error("holder failed");
    };
    const first = a.wrap("flaky", failing);
    await new Promise((r) => setTimeout(r, 10));
    const second = b.wrap("flaky", async () => "from b");
    await expect(first).rejects.toThrow("holder failed");
    expect(await second).toBe("from b");
  });

  it("two OS processes on the built package: exactly one computes", async () => {
    const worker = join(here, "__fixtures__", "wrap-worker.mjs");
    const dist = join(here, "..", "..", "dist", "index.js");
    expect(existsSync(dist), "build @toktok/cache first (pnpm --filter @toktok/cache build)").toBe(true);
    const key = "fleet:rates";
    const children = ["w1", "w2", "w3"].map((id) =>
      spawn(process.execPath, [worker, services().redisUrl, prefix, key, id, "400"], {
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    const outputs = children.map((child) => {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      const ready = new Promise<void>((resolve) => lines.once("line", () => resolve()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      const result = new Promise<{ workerId: string; value: { computedBy: string }; computed: number }>(
        (resolve, reject) => {
          void exited.then((code) => reject(new Error(`worker exited (${code}) before answering`)));
          let first = true;
          lines.on("line", (line) => {
            if (first) {
              first = false;
              return;
            }
            resolve(JSON.parse(line));
          });
        },
      );
      return { ready, result, exited };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin?.end("go\n");
    const results = await Promise.all(outputs.map((o) => o.result));
    const codes = await Promise.all(outputs.map((o) => o.exited));
    expect(codes).toEqual([0, 0, 0]);
    expect(Number(await admin.get(`${prefix}:computations`))).toBe(1);
    expect(results.reduce((sum, r) => sum + r.computed, 0)).toBe(1);
    const by = results[0]?.value.computedBy;
    for (const r of results) expect(r.value.computedBy).toBe(by);
  }, 20_000);

  it("computes locally (L1 only) when Redis is unavailable", async () => {
    const client = openClient(services().redisUrl);
    const cache = new TieredCache<number>({ client, prefix, ttl: 60_000 });
    await cache.whenReady();
    client.disconnect();
    expect(await cache.wrap("offline", () => 5)).toBe(5);
    expect(cache.l1.get("offline")).toBe(5);
    await cache.close();
  });
});
