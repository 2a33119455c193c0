import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";

const T0 = Date.UTC(2026, 10, 20, 9);

describe("getFunnel", () => {
  it("counts ordered steps within the window with drop-off vs previous and vs step one", async () => {
    const clock = { now: T0 };
    const a = new Analytics({ now: () => clock.now });
    const steps = ["start", "pickup", "destination", "confirm"];
    const reach = [4, 4, 4, 3, 3, 2, 2, 2, 1, 1]; // 10 enter, 8 pickup, 5 destination, 3 confirm
    reach.forEach((n, u) => {
      for (let s = 0; s < n; s++) {
        clock.now += 1000;
        a.trackFunnelStep(`u${u}`, "courier", steps[s] as string);
      }
    });
    // Out of order (confirm before start) and outside the window do not count.
    a.trackFunnelStep("late", "courier", "pickup");
    clock.now += 1000;
    a.trackFunnelStep("late", "courier", "start");
    a.trackFunnelStep("slow", "courier", "start");
    clock.now += 25 * 3_600_000;
    a.trackFunnelStep("slow", "courier", "pickup");
    const f = await a.getFunnel("courier", { steps });
    expect(f.steps.map((s) => s.users)).toEqual([12, 8, 5, 3]);
    expect(f.steps[1]).toMatchObject({ conversionPct: 66.67, dropOffPct: 33.33, conversionFromStartPct: 66.67 });
    expect(f.steps[2]).toMatchObject({ conversionPct: 62.5, dropOffPct: 37.5, dropOffFromStartPct: 58.33 });
    expect(f.steps[3]).toMatchObject({
      conversionPct: 60,
      dropOffPct: 40,
      conversionFromStartPct: 25,
      dropOffFromStartPct: 75,
    });
    expect(f.completionPct).toBe(25);
    expect(f.worstDropOff).toEqual({ step: "confirm", dropOffPct: 40 });
    const wide = await a.getFunnel("courier", { steps, window: 48 * 3_600_000 });
    expect(wide.steps[1]?.users).toBe(9);
    const auto = await a.getFunnel("courier");
    expect(auto.steps.map((s) => s.step)).toEqual(steps);
    await a.close();
  });

  it("rejects repeated steps", async () => {
    const a = new Analytics();
    await expect(a.getFunnel("x", { steps: ["a", "a"] })).rejects.toThrow(/steps/);
    await a.close();
  });
});
