import { describe, expect, it, vi } from "vitest";
import { Analytics } from "../analytics.js";
import { formatXaf, groupDigits } from "../format/french.js";
import { NOW, playScript } from "../testing/scripted-data.js";
import type { ScheduledReport } from "./schedule.js";

describe("renderReport", () => {
  it("shows the same figures as getSummary for the period, self-contained", async () => {
    const clock = { now: NOW };
    const a = new Analytics({ now: () => clock.now });
    await playScript(a, clock);
    const week = await a.renderReport({ period: "week", date: "2026-11-18" });
    const summary = await a.getSummary({ from: "2026-11-16", to: "2026-11-23" });
    expect(week.figures.current).toEqual(summary);
    expect(week.html).toContain(`>${formatXaf(summary.revenueXaf)}<`);
    expect(week.html).toContain(`>${groupDigits(summary.messages.total)}<`);
    expect(week.text).toContain(`Messages : ${groupDigits(summary.messages.total)}`);
    expect(week.html).not.toMatch(/<link|<script|src=|url\(/i);
    expect(week.html).toContain("Qualité du dispatch");
    // Mon–Thu and Sat score 78, Friday 42 (15/25 on time, 18 min, 2 cancelled): (5 × 78 + 42) / 6
    expect(week.figures.qualityScore).toBe(72);
    expect(week.html).toMatch(/vendredi/);

    const day = await a.renderReport({ period: "day", date: "2026-11-19" });
    expect(day.figures.qualityScore).toBe(78);
    expect(day.figures.current).toEqual(await a.getSummary({ from: "2026-11-19", to: "2026-11-20" }));
    expect(day.subject).toBe("TokTok — rapport du 2026-11-19");
    await a.close();
  });
});

describe("the report's satisfaction", () => {
  it("shows the period's ratings: average, count and share of low ones, or that there was none", async () => {
    let clock = Date.parse("2026-11-19T10:00:00Z");
    const a = new Analytics({ now: () => clock });
    // Thursday: 5, 4 and 1 → 10/3 = 3.3 on average, 1 of 3 low (≤ 2); one rating on Friday is not counted.
    for (const [missionId, rating] of [
      ["m1", 5],
      ["m2", 4],
      ["m3", 1],
    ] as const) {
      a.trackRating("242060000001", { missionId, rating, driverId: "d1" });
    }
    clock = Date.parse("2026-11-20T10:00:00Z");
    a.trackRating("242060000001", { missionId: "m4", rating: 2 });
    const day = await a.renderReport({ period: "day", date: "2026-11-19" });
    expect(day.figures.satisfaction).toEqual({ count: 3, average: 3.3, lowShare: 1 / 3 });
    expect(day.text).toContain("SATISFACTION DES CLIENTS : 3,3/5 sur 3 avis, 33 % de notes basses (≤ 2)");
    expect(day.html).toContain("Satisfaction des clients");
    const empty = await a.renderReport({ period: "day", date: "2026-11-18" });
    expect(empty.text).toContain("SATISFACTION DES CLIENTS : — (aucun avis)");
    await a.close();
  });
});

describe("scheduleReports", () => {
  it("fires aggregation, daily and Monday reports at local times (fake timers, no wall-clock wait)", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 22, 22, 0) }); // Sunday 23:00 in Brazzaville
    try {
      // An injected clock skips the coarse clock's 50 ms refresh timer, and a long flush interval keeps
      // the fake timers to a few callbacks per simulated day.
      const a = new Analytics({ now: () => Date.now(), flushIntervalMs: 3_600_000 });
      const sent: ScheduledReport[] = [];
      const aggregated: number[] = [];
      const aggregate = a.aggregateDays.bind(a);
      a.aggregateDays = (range) => {
        aggregated.push(Date.now());
        return aggregate(range);
      };
      const schedule = a.scheduleReports({ send: (r) => void sent.push(r), daily: "07:00", weekly: "08:30" });
      expect(schedule.nextRuns()).toEqual({
        aggregation: Date.UTC(2026, 10, 22, 23, 15),
        daily: Date.UTC(2026, 10, 23, 6, 0),
        weekly: Date.UTC(2026, 10, 23, 7, 30),
      });
      await vi.advanceTimersByTimeAsync(Date.UTC(2026, 10, 23, 12) - Date.now());
      expect(aggregated).toEqual([Date.UTC(2026, 10, 22, 23, 15)]);
      expect(sent.map((r) => [r.kind, r.figures.from])).toEqual([
        ["daily", "2026-11-22"],
        ["weekly", "2026-11-16"],
      ]);
      await vi.advanceTimersByTimeAsync(Date.UTC(2026, 10, 24, 12) - Date.now());
      expect(sent.map((r) => r.kind)).toEqual(["daily", "weekly", "daily"]);
      expect(schedule.nextRuns().weekly).toBe(Date.UTC(2026, 10, 30, 7, 30));
      schedule.stop();
      expect(schedule.nextRuns()).toEqual({});
      await vi.advanceTimersByTimeAsync(7 * 86_400_000); // stopped: nothing more fires
      expect(sent).toHaveLength(3);
      expect(aggregated).toHaveLength(2);
      await a.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects a bad time", () => {
    const a = new Analytics();
    expect(() => a.scheduleReports({ send: () => {}, daily: "25:00" })).toThrow(/"daily"/);
  });
});
