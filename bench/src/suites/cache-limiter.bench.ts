// The in-memory RateLimiter against rate-limiter-flexible's RateLimiterMemory.
import { MemoryStore, RateLimiter } from "@toktok/cache";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { BenchSuite } from "../harness.ts";

const KEYS = 1_000;
const BATCH = 100;
const keys = Array.from({ length: KEYS }, (_, i) => `user:${i}`);

const suite: BenchSuite = {
  name: "cache: in-memory rate limiter",
  async run(h) {
    // RateLimiterMemory counts in fixed windows; compare like with like, never hitting the limit (it rejects then).
    const ours = new RateLimiter({
      points: 1e9,
      duration: 60_000,
      algorithm: "fixed-window",
      store: new MemoryStore(),
    });
    const peer = new RateLimiterMemory({ points: 1e9, duration: 60 });
    // Each call awaits BATCH consumes one after the other, so that the harness's own per-call cost does not hide
    // the limiters' (both APIs return a promise per consume).
    const batch = (one: (key: string) => Promise<unknown>) => {
      let n = 0;
      return async () => {
        for (let b = 0; b < BATCH; b++) await one(keys[n++ % KEYS] as string);
      };
    };
    await h.compare({
      title: `consume, fixed window, ${KEYS} keys (${BATCH} awaited per call)`,
      ours: { name: "RateLimiter.consume (memory)", opsPerCall: BATCH, fn: batch((k) => ours.consume(k)) },
      peers: [{ name: "RateLimiterMemory.consume", opsPerCall: BATCH, fn: batch((k) => peer.consume(k)) }],
      targets: { "RateLimiterMemory.consume": 2 },
    });

    // Our default, exact sliding window (no rate-limiter-flexible equivalent in memory): for information.
    const sliding = new RateLimiter({ points: 100, duration: 1_000, store: new MemoryStore() });
    await h.compare({
      title: `consume, our exact sliding window vs RateLimiterMemory (fixed window), ${KEYS} keys`,
      ours: { name: "RateLimiter.consume (sliding)", opsPerCall: BATCH, fn: batch((k) => sliding.consume(k)) },
      peers: [{ name: "RateLimiterMemory.consume", opsPerCall: BATCH, fn: batch((k) => peer.consume(k)) }],
    });
  },
};

export default suite;
