import type { Cluster, Redis } from "ioredis";
import { describe, expectTypeOf, it } from "vitest";
import type { RedisClientLike, RedisDuplicableLike, RedisSubscriberLike } from "./client.js";

describe("structural Redis client types", () => {
  it("accept ioredis clients without the package importing ioredis", () => {
    expectTypeOf<Redis>().toExtend<RedisClientLike>();
    expectTypeOf<Redis>().toExtend<RedisDuplicableLike>();
    expectTypeOf<Redis>().toExtend<RedisSubscriberLike>();
    expectTypeOf<Cluster>().toExtend<RedisClientLike>();
  });
});
