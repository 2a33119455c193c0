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
});
