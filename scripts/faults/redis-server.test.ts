import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { type FaultyRedis, startFaultyRedis } from "./redis-server.ts";

describe("startFaultyRedis", () => {
  let redis: FaultyRedis | undefined;
  afterAll(() => redis?.close());

  it("runs a private server that can be killed and started again on the same port", async () => {
    redis = await startFaultyRedis();
    expect(redis.port).not.toBe(6379);
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    client.on("error", () => {});
    await client.connect();
    await client.set("k", "v");
    await redis.kill();
    expect(redis.running).toBe(false);
    await expect(client.get("k")).rejects.toThrow();
    await redis.start();
    // No persistence: the restarted server is empty, and the client reconnected by itself.
    await expect.poll(() => client.get("k").catch(() => "down"), { timeout: 5_000 }).toBe(null);
    client.disconnect();
  });

  it("with persist, keeps every acknowledged write across a SIGKILL and a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "faulty-redis-"));
    const durable = await startFaultyRedis({ persist: { dir } });
    const client = new Redis(durable.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
    client.on("error", () => {});
    try {
      await client.set("k", "v");
      await client.rpush("list", "a", "b");
      await durable.kill();
      await durable.start();
      expect(await client.get("k")).toBe("v");
      expect(await client.lrange("list", 0, -1)).toEqual(["a", "b"]);
    } finally {
      client.disconnect();
      await durable.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
