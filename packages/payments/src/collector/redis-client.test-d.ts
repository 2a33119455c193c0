import type { Cluster, Redis } from "ioredis";
import { expectTypeOf, test } from "vitest";
import type { PaymentsRedisClient } from "./redis-payment-store.js";

test("an ioredis client or cluster is a PaymentsRedisClient", () => {
  expectTypeOf<Redis>().toExtend<PaymentsRedisClient>();
  expectTypeOf<Cluster>().toExtend<PaymentsRedisClient>();
});
