// A separate OS process using the BUILT package (dist), for the cross-process TieredCache.wrap test.
// argv: redisUrl prefix key workerId computeMs. Prints "ready", waits for "go" on stdin, prints one JSON line.
import { createInterface } from "node:readline";
import { TieredCache } from "@toktok/cache";
import { Redis } from "ioredis";

const [redisUrl, prefix, key, workerId, computeMs] = process.argv.slice(2);
const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
const cache = new TieredCache({ client, prefix, ttl: 60_000, lock: { ttlMs: 2_000, waitMs: 10_000, pollMs: 200 } });
await cache.whenReady();
process.stdout.write("ready\n");

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== "go") continue;
  const value = await cache.wrap(key, async () => {
    await client.incr(`${prefix}:computations`);
    await new Promise((resolve) => setTimeout(resolve, Number(computeMs)));
    return { computedBy: workerId };
  });
  const { computed, lockWaits } = cache.stats();
  process.stdout.write(`${JSON.stringify({ workerId, value, computed, lockWaits })}\n`);
  break;
}
lines.close();
process.stdin.destroy();
await cache.close();
client.disconnect();
