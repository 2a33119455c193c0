import { describe, expect, it } from "vitest";
import { formatComparison, Harness } from "./harness.ts";

const busy = (n: number) => () => {
  let x = 0;
  for (let i = 0; i < n; i++) x += i;
  return x;
};

describe("Harness.compare", () => {
  it("times every contender and reports ours ÷ peer with the target verdict", async () => {
    const lines: string[] = [];
    const harness = new Harness("self", (l) => lines.push(l));
    const result = await harness.compare({
      title: "cheap vs expensive",
      ours: { name: "cheap", fn: busy(10) },
      peers: [{ name: "expensive", fn: busy(20_000) }],
      targets: { expensive: 2 },
      timeMs: 60,
    });
    const [ours, peer] = result.results;
    expect(ours?.ratio).toBe(1);
    expect(peer?.ratio).toBeCloseTo((ours?.opsPerSec ?? 0) / (peer?.opsPerSec ?? 1));
    expect(peer?.ratio).toBeGreaterThan(2);
    expect(peer?.met).toBe(true);
    expect(harness.report.comparisons).toHaveLength(1);
    expect(lines.join("\n")).toContain("cheap (ours)");
  });

  it("scales ops/s by opsPerCall so batched contenders stay comparable", async () => {
    const harness = new Harness("self", () => {});
    const fn = busy(100);
    const result = await harness.compare({
      title: "batch",
      ours: { name: "batched", fn, opsPerCall: 1000 },
      peers: [{ name: "single", fn }],
      timeMs: 60,
    });
    expect(result.results[1]?.ratio).toBeGreaterThan(100);
  });
});

describe("formatComparison", () => {
  it("marks missed targets", () => {
    const text = formatComparison({
      title: "t",
      ours: "a",
      results: [
        { name: "a", opsPerSec: 10, rme: 1, p99Ms: 1, ratio: 1 },
        { name: "b", opsPerSec: 20, rme: 1, p99Ms: 1, ratio: 0.5, target: 1, met: false },
      ],
    });
    expect(text).toContain("0.50×");
    expect(text).toContain("MISSED");
  });
});
