import { describe, expect, it } from "vitest";
import { Analytics } from "../analytics.js";
import { scoreDispatch } from "./quality-score.js";

describe("qualityScore", () => {
  it("25 rides, 22 on time, 6 min average delay, 1 cancellation → 78", async () => {
    const a = new Analytics();
    await a.recordDispatch({ day: "2026-11-20", total: 25, onTime: 22, late: 2, cancelled: 1, avgDelayMinutes: 6 });
    expect(await a.qualityScore("2026-11-20")).toBe(78);
    const b = await a.qualityBreakdown("2026-11-20");
    expect(b).toMatchObject({ punctuality: 44, delay: 18, cancellations: 16 });
    expect(await a.qualityScore("2026-11-21")).toBeNull();
    await a.close();
  });

  it("clamps each part at zero and the total to 0–100", () => {
    const r = { day: "2026-11-20", total: 10, onTime: 0, late: 5, cancelled: 5, avgDelayMinutes: 60 };
    expect(scoreDispatch(r).score).toBe(0);
    expect(scoreDispatch({ ...r, onTime: 10, late: 0, cancelled: 0, avgDelayMinutes: 0 }).score).toBe(100);
  });

  it("rejects inconsistent counts", async () => {
    const a = new Analytics();
    await expect(
      a.recordDispatch({ day: "2026-11-20", total: 5, onTime: 4, late: 1, cancelled: 1, avgDelayMinutes: 2 }),
    ).rejects.toThrow(/dispatch.total/);
    await expect(
      a.recordDispatch({ day: "2026-02-30", total: 5, onTime: 4, late: 1, cancelled: 0, avgDelayMinutes: 2 }),
    ).rejects.toThrow(/dispatch.day/);
    await a.close();
  });
});
