// connectRedisCluster's start-up rules: a cluster that is not there, or a server that is no cluster,
// stops the bot within a few seconds with an error naming REDIS_CLUSTER_NODES and never a password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultyRedis, freePort, startFaultyRedis } from "../../../../scripts/faults/redis-server.ts";
import { connectRedisCluster } from "./redis.ts";

let available = true;
try {
  const probe = await startFaultyRedis();
  await probe.close();
} catch (error) {
  if (process.env.CI === "true") throw error;
  available = false;
  console.warn("\n  ⚠ redis-server not found: connectRedisCluster start-up tests are SKIPPED\n");
}

describe.skipIf(!available)("connectRedisCluster at start", () => {
  let single: FaultyRedis;
  beforeAll(async () => {
    single = await startFaultyRedis();
  });
  afterAll(() => single?.close());

  it("nothing listening: fails within the start timeout, naming the variable, without the password", async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await connectRedisCluster([{ host: "127.0.0.1", port }], {
      url: "redis://:s3cret-pass@127.0.0.1:1",
      startTimeoutMs: 1_500,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^REDIS_CLUSTER_NODES: cannot reach the Redis Cluster/);
    expect((error as Error).message).not.toContain("s3cret-pass");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("a single server (no cluster mode) is refused", async () => {
    const error = await connectRedisCluster([{ host: "127.0.0.1", port: single.port }], {
      startTimeoutMs: 3_000,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^REDIS_CLUSTER_NODES: /);
  });
});
