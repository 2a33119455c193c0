import type { Cluster, Redis } from "ioredis";
import { describe, expectTypeOf, it } from "vitest";
import type { RedisClientLike, RedisClusterLike, RedisDuplicableLike, RedisSubscriberLike } from "./client.js";

describe("structural Redis client types", () => {
  it("accept ioredis clients without the package importing ioredis", () => {
    expectTypeOf<Redis>().toExtend<RedisClientLike>();
    expectTypeOf<Redis>().toExtend<RedisDuplicableLike>();
    expectTypeOf<Redis>().toExtend<RedisSubscriberLike>();
    expectTypeOf<Cluster>().toExtend<RedisClientLike>();
    expectTypeOf<Cluster>().toExtend<RedisClusterLike>();
    // TieredCache on a Cluster: it duplicates the cluster for its pub/sub connection.
    expectTypeOf<Cluster>().toExtend<RedisDuplicableLike>();
    expectTypeOf<Cluster>().toExtend<RedisSubscriberLike>();
  });
});
