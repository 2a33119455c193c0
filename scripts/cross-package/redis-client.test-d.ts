// @toktok/flows (`RedisLike`) and @toktok/payments (`PaymentsRedisClient`) each type the part of an
// ioredis client they use, structurally, so ioredis stays an optional peer of each and neither depends on
// the other. The two declarations are the one jscpd exemption of this kind (docs/architecture.md); this
// holds them equal, so one application's Redis client fits both.
import { expectTypeOf, it } from "vitest";
import type { RedisLike } from "../../packages/flows/src/sessions/redis-client.js";
import type { PaymentsRedisClient } from "../../packages/payments/src/collector/redis-payment-store.js";

it("flows' RedisLike and payments' PaymentsRedisClient are the same type", () => {
  expectTypeOf<RedisLike>().toEqualTypeOf<PaymentsRedisClient>();
});
