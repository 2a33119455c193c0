import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { REDIS_OPTIONS } from "../redis.ts";
import { RedisIdempotencyStore } from "./redis-store.ts";
import { storeContract } from "./store-contract.ts";

// The same contract as the memory store, on the shared Redis, under a prefix of this run.
describeWithRedis("RedisIdempotencyStore", () => {
  const prefix = `toktok:relay-test:${randomBytes(4).toString("hex")}:`;
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(services().redisUrl, REDIS_OPTIONS);
    await redis.connect();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  let n = 0;
  storeContract(() => ({
    store: new RedisIdempotencyStore(redis, prefix),
    leaseMs: 200,
    advance: (ms) => sleep(ms),
    id: (name) => `${name}-${++n}`,
  }));
});
