// Payment claims on the real Redis: two bot processes (two clients) asking for the same payment get one
// winner, so a payment is never both used by its order and refunded, nor refunded twice.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { paymentClaims } from "./late-payment.ts";

describeWithRedis("payment claims on Redis", () => {
  let a: Redis;
  let b: Redis;
  beforeAll(() => {
    a = new Redis(services().redisUrl);
    b = new Redis(services().redisUrl);
  });
  afterAll(async () => {
    await a?.quit();
    await b?.quit();
  });

  it("one claim wins across processes, concurrently, and the key expires on its own", async () => {
    const id = randomUUID();
    const claims = [paymentClaims(a), paymentClaims(b)];
    const won = await Promise.all(Array.from({ length: 10 }, (_, i) => claims[i % 2]?.claim(id)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await paymentClaims(b).claim(id)).toBe(false);
    const ttl = await a.ttl(`toktok:payments:claimed:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(await paymentClaims(a).claim(randomUUID())).toBe(true);
  });
});
