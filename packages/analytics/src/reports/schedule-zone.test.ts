import { afterEach, describe, expect, it, vi } from "vitest";
import { Analytics } from "../analytics.js";
import type { ScheduledReport } from "./schedule.js";

/** Fake timers run every timer: an injected clock skips the coarse clock's 50 ms refresh, a long flush interval the 1 s flush. */
const quiet = { now: () => Date.now(), flushIntervalMs: 3_600_000 };

afterEach(() => {
  vi.useRealTimers();
});

describe("scheduleReports honours the Analytics time zone", () => {
  it("fires a Europe/Paris schedule at Paris wall times (fake timers, no injected zone)", async () => {
    // Brazzaville is UTC+1 all year and Paris UTC+1 in winter: a summer date (Paris UTC+2) tells them apart.
    vi.useFakeTimers({ now: Date.UTC(2026, 6, 5, 20, 0) }); // Sunday 5 July 2026, 22:00 in Paris, 21:00 in Brazzaville
    const a = new Analytics({ timeZone: "Europe/Paris", ...quiet });
    const sent: Array<{ kind: string; at: number; from: string }> = [];
    const schedule = a.scheduleReports({
      send: (r: ScheduledReport) => void sent.push({ kind: r.kind, at: Date.now(), from: r.figures.from }),
      daily: "07:00",
      weekly: "08:30",
      aggregation: false,
    });
    // 07:00 and 08:30 in Paris (UTC+2) on Monday 6 July — not 06:00/07:30 UTC as in Brazzaville.
    expect(schedule.nextRuns()).toEqual({ daily: Date.UTC(2026, 6, 6, 5, 0), weekly: Date.UTC(2026, 6, 6, 6, 30) });
    await vi.advanceTimersByTimeAsync(Date.UTC(2026, 6, 6, 12) - Date.now());
    expect(sent).toEqual([
      { kind: "daily", at: Date.UTC(2026, 6, 6, 5, 0), from: "2026-07-05" },
      { kind: "weekly", at: Date.UTC(2026, 6, 6, 6, 30), from: "2026-06-29" },
    ]);
    schedule.stop();
    await a.close();
  });

  it("takes HH:MM:SS to the second, and refuses a malformed time naming the option", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 6, 5, 20, 0) });
    const a = new Analytics({ timeZone: "Europe/Paris", ...quiet });
    const schedule = a.scheduleReports({ send: () => {}, daily: "22:00:05", weekly: false, aggregation: false });
    expect(schedule.nextRuns()).toEqual({ daily: Date.UTC(2026, 6, 5, 20, 0, 5) });
    schedule.stop();
    expect(() => a.scheduleReports({ send: () => {}, daily: "22:00:60" })).toThrow(/daily/);
    await a.close();
  });

  it("an explicit timeZone option still wins over the instance's zone for the wall times", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 6, 5, 20, 0) });
    const a = new Analytics({ timeZone: "Europe/Paris", ...quiet });
    const schedule = a.scheduleReports({
      send: () => {},
      daily: "07:00",
      weekly: false,
      aggregation: false,
      timeZone: "UTC",
    });
    expect(schedule.nextRuns()).toEqual({ daily: Date.UTC(2026, 6, 6, 7, 0) });
    schedule.stop();
    await a.close();
  });

  it("defaults to Africa/Brazzaville when the instance has no zone", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 6, 5, 20, 0) });
    const a = new Analytics(quiet);
    const schedule = a.scheduleReports({ send: () => {}, daily: "07:00", weekly: false, aggregation: false });
    expect(a.timeZone).toBe("Africa/Brazzaville");
    expect(schedule.nextRuns()).toEqual({ daily: Date.UTC(2026, 6, 6, 6, 0) });
    schedule.stop();
    await a.close();
  });
});
