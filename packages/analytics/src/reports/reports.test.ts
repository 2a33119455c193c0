import { describe, expect, it } from "vitest";
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

describe("scheduleReports", () => {
  it("fires aggregation, daily and Monday reports at local times through injected timers", async () => {
    const clock = { now: Date.UTC(2026, 10, 22, 22, 0) }; // Sunday 23:00 in Brazzaville
    const a = new Analytics({ now: () => clock.now });
    const pending: Array<{ fn: () => void; at: number; id: number }> = [];
    let nextId = 0;
    const timers = {
      setTimeout: (fn: () => void, ms: number) => {
        const id = ++nextId;
        pending.push({ fn, at: clock.now + ms, id });
        return { id, unref: () => undefined };
      },
      clearTimeout: (h: unknown) => {
        const i = pending.findIndex((p) => p.id === (h as { id: number }).id);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const sent: ScheduledReport[] = [];
    const schedule = a.scheduleReports({ send: (r) => void sent.push(r), timers, daily: "07:00", weekly: "08:30" });
    expect(schedule.nextRuns()).toEqual({
      aggregation: Date.UTC(2026, 10, 22, 23, 15),
      daily: Date.UTC(2026, 10, 23, 6, 0),
      weekly: Date.UTC(2026, 10, 23, 7, 30),
    });
    const advance = async (to: number) => {
      for (;;) {
        pending.sort((x, y) => x.at - y.at);
        const next = pending[0];
        if (next === undefined || next.at > to) break;
        pending.shift();
        clock.now = next.at;
        next.fn();
        await new Promise((r) => setTimeout(r, 20));
      }
      clock.now = to;
    };
    await advance(Date.UTC(2026, 10, 23, 12));
    expect(sent.map((r) => [r.kind, r.figures.from])).toEqual([
      ["daily", "2026-11-22"],
      ["weekly", "2026-11-16"],
    ]);
    await advance(Date.UTC(2026, 10, 24, 12));
    expect(sent.map((r) => r.kind)).toEqual(["daily", "weekly", "daily"]);
    schedule.stop();
    expect(pending).toHaveLength(0);
    expect(schedule.nextRuns()).toEqual({});
    await a.close();
  });

  it("rejects a bad time", () => {
    const a = new Analytics();
    expect(() => a.scheduleReports({ send: () => {}, daily: "25:00" })).toThrow(/"daily"/);
  });
});
