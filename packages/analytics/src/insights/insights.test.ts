import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import { NOW, playScript } from "../testing/scripted-data.js";

async function scripted() {
  const clock = { now: NOW };
  const a = new Analytics({
    now: () => clock.now,
    alerts: [
      { name: "errors", type: "threshold", metric: "errorRate", op: ">", value: 0.01, windowMs: 7 * 86_400_000 },
      { name: "quiet", type: "threshold", metric: "errorRate", op: ">", value: 0.5, windowMs: 7 * 86_400_000 },
      { name: "growth", type: "trend_change", metric: "messages", changePct: 30, direction: "up" },
      { name: "drop", type: "trend_change", metric: "messages", changePct: 30, direction: "down" },
      { name: "spike", type: "anomaly", metric: "messages", trailingDays: 7, zScore: 2, severity: "critical" },
    ],
  });
  await playScript(a, clock);
  return { a, clock };
}

describe("getInsights on scripted data", () => {
  it("finds the Friday delays, the Monday drop-offs, the weekly growth and the top errors", async () => {
    const { a } = await scripted();
    const insights = await a.getInsights();
    const delay = insights.find((i) => i.kind === "weekday_delay");
    expect(delay).toMatchObject({ weekday: 5, value: 18, reference: 6 });
    expect(delay?.recommendation).toMatch(/vendredi/);
    const drop = insights.find((i) => i.kind === "weekday_dropoff");
    expect(drop).toMatchObject({ weekday: 1, flow: "courier" });
    expect(drop?.detail).toMatch(/lundi/);
    const trend = insights.find((i) => i.kind === "trend" && i.metric === "messages");
    // 7 days × 14 users × 3 vs 7 × 10 × 3
    expect(trend).toMatchObject({ value: 294, reference: 210, changePct: 40 });
    const errors = insights.filter((i) => i.kind === "top_error");
    expect(errors[0]?.title).toMatch(/TypeError/);
    await a.close();
  });
});

describe("evaluateAlerts on scripted data", () => {
  it("fires threshold and trend_change rules, not the ones whose condition is false", async () => {
    const { a } = await scripted();
    const alerts = await a.evaluateAlerts();
    expect(alerts.map((x) => x.rule)).toEqual(["errors", "growth", "spike"]);
    const errors = alerts[0];
    expect(errors?.value).toBeGreaterThan(0.01);
    expect(alerts[1]).toMatchObject({ value: 294, reference: 210 });
    // Today (Sunday 22nd) has no message yet: 0 vs 7 days of 42 → anomaly (σ = 0 → infinite z).
    expect(alerts[2]).toMatchObject({ type: "anomaly", value: 0, reference: 42, severity: "critical" });
    await a.close();
  });

  it("validates rules", () => {
    const a = new Analytics();
    expect(() =>
      a.addAlertRule({ name: "x", type: "threshold", metric: "nope" as "errors", op: ">", value: 1 }),
    ).toThrow(/rule.metric/);
  });
});
