import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";

function findPromtool(): string | null {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), "/usr/local/bin"]) {
    const candidate = join(dir, "promtool");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

const promtool = findPromtool();
if (promtool === null) {
  const banner = "promtool not found: install it with `bash .ci/tools.d/analytics.sh`";
  if (process.env.CI === "true") throw new Error(`${banner} (required under CI=true)`);
  console.warn(`\n${"!".repeat(72)}\n!! SKIPPING the promtool exposition check — ${banner}\n${"!".repeat(72)}\n`);
}

function busy(): Analytics {
  const a = new Analytics();
  a.trackSessionStart("u1", "client");
  a.trackSessionStart("u2", "livreur");
  a.trackSessionEnd("u2");
  a.trackMessage("u1", "text");
  a.trackMessage("u1", 'we"ird\\type\n');
  a.trackConversion("u1", "order_completed", 12_500);
  a.trackFunnelStep("u1", "marketplace", "cart");
  a.trackResponseTime(420, { operation: "llm" });
  a.trackResponseTime(40_000);
  a.trackError(new TypeError("x"));
  return a;
}

describe("Prometheus exposition", () => {
  it.skipIf(promtool === null)("passes `promtool check metrics` with no warning", async () => {
    const a = busy();
    const text = await a.metrics();
    const run = spawnSync(promtool as string, ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(run.stderr + run.stdout).toBe("");
    expect(run.status).toBe(0);
    await a.close();
  });

  it("reads the counters at scrape time, counters end in _total, times are seconds histograms", async () => {
    const a = busy();
    const first = await a.metrics();
    expect(first).toContain('toktok_messages_total{type="text"} 1');
    expect(first).toContain('toktok_revenue_xaf_total{type="order_completed"} 12500');
    expect(first).toContain('toktok_sessions_active{role="client"} 1');
    expect(first).toContain('toktok_response_time_seconds_bucket{operation="llm",le="0.5"} 1');
    expect(first).toContain('toktok_response_time_seconds_bucket{operation="message",le="+Inf"} 1');
    for (const line of first.split("\n").filter((l) => l.startsWith("# TYPE"))) {
      const [, , name, type] = line.split(" ");
      expect(name?.startsWith("toktok_")).toBe(true);
      expect(name?.endsWith("_total")).toBe(type === "counter");
    }
    a.trackMessage("u1", "text");
    a.trackMessage("u1", "text");
    expect(await a.metrics()).toContain('toktok_messages_total{type="text"} 3');
    await a.close();
  });

  it("folds label values past maxSeries into _other", async () => {
    const a = new Analytics({ maxSeries: 2 });
    for (const t of ["a", "b", "c", "d"]) a.trackMessage("u", t);
    const text = await a.metrics();
    expect(text).toContain('toktok_messages_total{type="_other"} 2');
    await a.close();
  });
});
