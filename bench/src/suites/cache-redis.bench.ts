// The Redis rate limiter against rate-limiter-flexible's RateLimiterRedis and a bare PING (the floor: one round trip).
// Fair in both directions: every contender shares one ioredis client with default options, fires the same 32
// concurrent calls over the same 1 000 keys, and is warmed alike. RedisStore groups the socket writes of a burst
// (coalesceWrites, on by default), which RateLimiterRedis cannot do by itself: so RateLimiterRedis is also timed with
// the very same grouping applied from outside, and ours without it, to compare like with like both ways.
import { RateLimiter, RedisStore } from "@toktok/cache";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { redisUrl } from "../../../scripts/services.ts";
import type { BenchSuite } from "../harness.ts";

const CONCURRENCY = 32;
const KEYS = 1_000;
const keys = Array.from({ length: KEYS }, (_, i) => `user:${i}`);

/** What RedisStore's coalesceWrites does, applied from outside to another limiter: cork, flush every 4, nextTick. */
function groupedWrites(client: Redis, one: (key: string) => Promise<unknown>): (key: string) => Promise<unknown> {
  let held = 0;
  return (key) => {
    if (held === 0) {
      client.stream.cork();
      process.nextTick(() => {
        held = 0;
        client.stream.uncork();
      });
    } else if (held % 4 === 0) {
      client.stream.uncork();
      client.stream.cork();
    }
    held++;
    return one(key);
  };
}

const suite: BenchSuite = {
  name: "cache: Redis rate limiter",
  requires: ["redis"],
  async run(h) {
    const client = new Redis(redisUrl());
    const prefix = `bench:${process.pid}`;
    // rate-limiter-flexible counts in fixed windows: compare with our fixed window, plus our default sliding window.
    // Both sides get a short key namespace (`name` here, `keyPrefix` there), as an application would choose.
    const fixed = new RateLimiter({
      points: 1e9,
      duration: 60_000,
      algorithm: "fixed-window",
      name: "fw",
      store: new RedisStore({ client, prefix }),
    });
    const ungrouped = new RateLimiter({
      points: 1e9,
      duration: 60_000,
      algorithm: "fixed-window",
      name: "fu",
      store: new RedisStore({ client, prefix, coalesceWrites: false }),
    });
    const sliding = new RateLimiter({
      points: 100_000,
      duration: 1_000,
      name: "sw",
      store: new RedisStore({ client, prefix }),
    });
    const peer = new RateLimiterRedis({ storeClient: client, points: 1e9, duration: 60, keyPrefix: `${prefix}:rlf` });
    let n = 0;
    // Each call fires CONCURRENCY requests at once, as a busy process would.
    const burst = (one: (key: string) => Promise<unknown>) => () =>
      Promise.all(Array.from({ length: CONCURRENCY }, () => one(keys[n++ % KEYS] as string)));
    // Warm every contender alike (JIT, connection, the keys' first writes) before timing: the harness's 200 ms warm-up
    // favours whichever runs later.
    const peerGrouped = groupedWrites(client, (k) => peer.consume(k));
    const contenders = [
      (k: string) => fixed.consume(k),
      (k: string) => ungrouped.consume(k),
      (k: string) => sliding.consume(k),
      (k: string) => peer.consume(k),
      peerGrouped,
      () => client.ping(),
    ];
    for (const one of contenders) for (let i = 0; i < 300; i++) await burst(one)();
    await h.compare({
      title: `consume on Redis, ${CONCURRENCY} concurrent, fixed window`,
      ours: { name: "RateLimiter (RedisStore)", opsPerCall: CONCURRENCY, fn: burst((k) => fixed.consume(k)) },
      peers: [
        { name: "RateLimiterRedis", opsPerCall: CONCURRENCY, fn: burst((k) => peer.consume(k)) },
        { name: "RateLimiterRedis, writes grouped like ours", opsPerCall: CONCURRENCY, fn: burst(peerGrouped) },
        { name: "PING", opsPerCall: CONCURRENCY, fn: burst(() => client.ping()) },
      ],
      targets: { RateLimiterRedis: 1, PING: 0.5 },
    });
    // The other direction: both without write grouping.
    await h.compare({
      title: `consume on Redis, ${CONCURRENCY} concurrent, fixed window, neither grouping writes (information)`,
      ours: {
        name: "RateLimiter, coalesceWrites: false",
        opsPerCall: CONCURRENCY,
        fn: burst((k) => ungrouped.consume(k)),
      },
      peers: [{ name: "RateLimiterRedis", opsPerCall: CONCURRENCY, fn: burst((k) => peer.consume(k)) }],
    });
    await h.compare({
      title: `consume on Redis, ${CONCURRENCY} concurrent, our sliding window (exact) vs fixed-window peer`,
      ours: { name: "RateLimiter sliding (RedisStore)", opsPerCall: CONCURRENCY, fn: burst((k) => sliding.consume(k)) },
      peers: [
        { name: "RateLimiterRedis", opsPerCall: CONCURRENCY, fn: burst((k) => peer.consume(k)) },
        { name: "PING", opsPerCall: CONCURRENCY, fn: burst(() => client.ping()) },
      ],
    });
    // Leave nothing behind.
    for (const pattern of [`{${prefix}*`, `${prefix}*`]) {
      let cursor = "0";
      do {
        const [next, found] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        cursor = next;
        if (found.length > 0) await client.unlink(...found);
      } while (cursor !== "0");
    }
    client.disconnect();
  },
};

export default suite;
