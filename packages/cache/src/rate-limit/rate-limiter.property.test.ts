// For any sequence of consumes and clock moves, no window admits more than its points.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";
import type { RateLimitAlgorithm } from "./types.js";

type Op = { kind: "advance"; ms: number } | { kind: "consume"; key: number; cost: number };

const opsArb = (points: number, duration: number) =>
  fc.array(
    fc.oneof(
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: duration * 2 }) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 5 }) }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant("consume" as const),
          key: fc.integer({ min: 0, max: 2 }),
          cost: fc.integer({ min: 1, max: points }),
        }),
      },
    ),
    { maxLength: 120 },
  );

async function run(
  algorithm: RateLimitAlgorithm,
  points: number,
  duration: number,
  blockDurationMs: number,
  ops: Op[],
) {
  let t = 1_000_000 + 37; // not aligned to windows
  const limiter = new RateLimiter({ points, duration, algorithm, blockDurationMs, now: () => t });
  const admitted = new Map<number, Array<{ t: number; cost: number }>>();
  for (const op of ops) {
    if (op.kind === "advance") {
      t += op.ms;
      continue;
    }
    const r = await limiter.consume(`k${op.key}`, op.cost);
    expect(r.remaining).toBeGreaterThanOrEqual(0);
    expect(r.remaining).toBeLessThanOrEqual(points);
    expect(r.retryAfterMs).toBeGreaterThanOrEqual(0);
    if (r.allowed) {
      expect(r.retryAfterMs).toBe(0);
      const list = admitted.get(op.key) ?? [];
      list.push({ t, cost: op.cost });
      admitted.set(op.key, list);
    } else {
      expect(r.retryAfterMs).toBeGreaterThan(0);
    }
  }
  return admitted;
}

const params = fc.record({
  points: fc.integer({ min: 1, max: 8 }),
  duration: fc.integer({ min: 1, max: 2000 }),
  block: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
});

describe("rate limiter properties", () => {
  it("sliding window: no span of `duration` ms admits more than `points`", async () => {
    await fc.assert(
      fc.asyncProperty(
        params.chain((p) => fc.tuple(fc.constant(p), opsArb(p.points, p.duration))),
        async ([p, ops]) => {
          const admitted = await run("sliding-window", p.points, p.duration, p.block, ops);
          for (const list of admitted.values()) {
            for (const end of list) {
              const inWindow = list.filter((a) => a.t > end.t - p.duration && a.t <= end.t);
              expect(inWindow.reduce((s, a) => s + a.cost, 0)).toBeLessThanOrEqual(p.points);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("fixed window: no aligned window admits more than `points`", async () => {
    await fc.assert(
      fc.asyncProperty(
        params.chain((p) => fc.tuple(fc.constant(p), opsArb(p.points, p.duration))),
        async ([p, ops]) => {
          const admitted = await run("fixed-window", p.points, p.duration, p.block, ops);
          for (const list of admitted.values()) {
            const perWindow = new Map<number, number>();
            for (const a of list) {
              const w = Math.floor(a.t / p.duration);
              perWindow.set(w, (perWindow.get(w) ?? 0) + a.cost);
            }
            for (const used of perWindow.values()) expect(used).toBeLessThanOrEqual(p.points);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("token bucket: any span of L ms admits at most points + L × points / duration", async () => {
    await fc.assert(
      fc.asyncProperty(
        params.chain((p) => fc.tuple(fc.constant(p), opsArb(p.points, p.duration))),
        async ([p, ops]) => {
          const admitted = await run("token-bucket", p.points, p.duration, p.block, ops);
          for (const list of admitted.values()) {
            for (let i = 0; i < list.length; i++) {
              let sum = 0;
              for (let j = i; j < list.length; j++) {
                sum += (list[j] as { cost: number }).cost;
                const span = (list[j] as { t: number }).t - (list[i] as { t: number }).t;
                expect(sum).toBeLessThanOrEqual(p.points + (span * p.points) / p.duration + 1e-9);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("retryAfterMs is honest: waiting that long then retrying the same request succeeds", async () => {
    const algorithm = fc.constantFrom<RateLimitAlgorithm>("sliding-window", "fixed-window", "token-bucket");
    await fc.assert(
      fc.asyncProperty(
        algorithm,
        params.chain((p) => fc.tuple(fc.constant(p), opsArb(p.points, p.duration))),
        async (alg, [p, ops]) => {
          let t = 5_000_003;
          const limiter = new RateLimiter({
            points: p.points,
            duration: p.duration,
            algorithm: alg,
            blockDurationMs: p.block,
            now: () => t,
          });
          for (const op of ops) {
            if (op.kind === "advance") t += op.ms;
            else {
              const r = await limiter.consume(`k${op.key}`, op.cost);
              if (!r.allowed) {
                t += r.retryAfterMs;
                expect((await limiter.consume(`k${op.key}`, op.cost)).allowed).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
