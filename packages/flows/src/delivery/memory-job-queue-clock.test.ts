// The queue's delays run on its clock: a test clock moved past a job's delay runs it, and not before;
// the earliest wake-up still wins, and a bad clock is refused naming the field.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../testing/manual-clock.js";
import { MemoryJobQueue } from "./memory-job-queue.js";

describe("MemoryJobQueue on a ManualClock", () => {
  it("runs a delayed job when the clock passes its delay, never on real time", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 19, 9));
    const jobs = new MemoryJobQueue({ clock });
    const runs: Array<[string, number]> = [];
    jobs.process(async (key) => {
      runs.push([key, clock.now()]);
      return undefined;
    });
    await jobs.schedule("late", 45 * 60_000);
    await jobs.schedule("offer", 60_000);
    clock.advance(59_999);
    await jobs.whenIdle();
    expect(runs).toEqual([]);
    clock.advance(44 * 60_000);
    await jobs.whenIdle();
    expect(runs).toEqual([["offer", Date.UTC(2026, 10, 19, 9, 1)]]);
    clock.advance(60_001);
    await jobs.whenIdle();
    expect(runs.map(([key]) => key)).toEqual(["offer", "late"]);
    expect(clock.pending).toBe(0);
  });

  it("keeps the earliest wake-up of a key and retries a failed run on the clock", async () => {
    const clock = new ManualClock(0);
    const jobs = new MemoryJobQueue({ clock, retryBaseMs: 1_000, retryMaxMs: 1_000 });
    let runs = 0;
    jobs.process(async () => {
      runs++;
      if (runs === 1) throw new Error("backend down");
      return undefined;
    });
    await jobs.schedule("k", 5_000);
    await jobs.schedule("k", 60_000);
    clock.advance(5_000);
    await jobs.whenIdle();
    expect(runs).toBe(1);
    // The retry waits its backoff on the same clock.
    expect(clock.pending).toBe(1);
    clock.advance(1_000);
    await jobs.whenIdle();
    expect(runs).toBe(2);
  });

  it("refuses a clock without setTimer, naming the field", () => {
    expect(() => new MemoryJobQueue({ clock: { now: () => 0 } as never })).toThrow(/clock/);
  });
});
