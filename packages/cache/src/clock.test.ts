import { afterEach, describe, expect, it, vi } from "vitest";
import { coarseWallClock } from "./clock.js";

describe("coarseWallClock", () => {
  afterEach(() => void vi.useRealTimers());

  it("follows fake timers as soon as they are installed, and real time after", () => {
    coarseWallClock(); // cache a real reading
    vi.useFakeTimers({ now: 1_000 });
    expect(coarseWallClock()).toBe(1_000);
    vi.advanceTimersByTime(5_000);
    expect(coarseWallClock()).toBe(6_000);
    vi.useRealTimers();
    expect(Math.abs(coarseWallClock() - Date.now())).toBeLessThan(1_000);
  });

  it("is re-read every 64 calls even inside one synchronous run", () => {
    vi.useFakeTimers({ now: 0 });
    coarseWallClock();
    vi.setSystemTime(10_000); // moves Date.now without running timers
    const readings = Array.from({ length: 64 }, () => coarseWallClock());
    expect(readings.at(-1)).toBe(10_000);
  });
});
