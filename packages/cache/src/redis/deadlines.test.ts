import { afterEach, describe, expect, it, vi } from "vitest";
import { deadline } from "./deadlines.js";

describe("deadline", () => {
  afterEach(() => void vi.useRealTimers());

  it("expires what is not settled in time, with one timer for many commands", () => {
    vi.useFakeTimers();
    const expired: number[] = [];
    const handles = Array.from({ length: 100 }, (_, i) => deadline(250, () => expired.push(i)));
    expect(vi.getTimerCount()).toBe(1);
    for (let i = 0; i < 100; i += 2) handles[i]?.settle();
    vi.advanceTimersByTime(249);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toHaveLength(50);
    expect(expired.every((i) => i % 2 === 1)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("re-arms for later commands and never expires a settled one", () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const a = deadline(100, () => expired.push("a"));
    vi.advanceTimersByTime(60);
    deadline(100, () => expired.push("b"));
    a.settle();
    vi.advanceTimersByTime(40);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual(["b"]);
  });
});
