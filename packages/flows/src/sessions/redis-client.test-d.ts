import type { Cluster, Redis } from "ioredis";
import { expectTypeOf, test } from "vitest";
import type { RedisLike } from "./redis-client.js";

test("an ioredis client or cluster is a RedisLike", () => {
  expectTypeOf<Redis>().toExtend<RedisLike>();
  expectTypeOf<Cluster>().toExtend<RedisLike>();
});
