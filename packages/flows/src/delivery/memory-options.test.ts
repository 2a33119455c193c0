import { afterEach, describe, expect, it, vi } from "vitest";
import type { InboundMessage } from "../messaging/inbound.js";
import { validationField } from "../test-support/validation-field.js";
import { MemoryJobQueue } from "./memory-job-queue.js";
import { MemoryMailbox } from "./memory-mailbox.js";

const text = (id: string): InboundMessage => ({ id, from: "A", message: { type: "text", text: id } });

afterEach(() => {
  vi.useRealTimers();
});

describe("MemoryJobQueue options (defaults in its zod schema)", () => {
  it("names the offending field with FlowsValidationError", () => {
    expect(validationField(() => new MemoryJobQueue({ retryBaseMs: 0 }))).toBe("retryBaseMs");
    expect(validationField(() => new MemoryJobQueue({ retryMaxMs: 1.5 }))).toBe("retryMaxMs");
    expect(validationField(() => new MemoryJobQueue({ onError: "log" as never }))).toBe("onError");
    expect(validationField(() => new MemoryJobQueue())).toBe("accepted");
  });

  it("waits 100–200 ms after a first failure and at most 30 s later on (retryBaseMs 200, retryMaxMs 30 s)", async () => {
    vi.useFakeTimers();
    const jobs = new MemoryJobQueue();
    const runs: number[] = [];
    jobs.process(async () => {
      runs.push(Date.now());
      throw new Error("store down");
    });
    await jobs.schedule("a");
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 12; i++) await vi.advanceTimersToNextTimerAsync();
    const gaps = runs.slice(1).map((t, i) => t - (runs[i] ?? 0));
    expect(gaps).toHaveLength(12);
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[0]).toBeLessThanOrEqual(200);
    // From the 8th failure on, 200 ms × 2^n is past the cap: equal jitter keeps the wait in [15 s, 30 s].
    for (const gap of gaps.slice(8)) {
      expect(gap).toBeGreaterThanOrEqual(15_000);
      expect(gap).toBeLessThanOrEqual(30_000);
    }
    await jobs.close();
  });
});

describe("MemoryMailbox options (defaults in its zod schema)", () => {
  it("names the offending field with FlowsValidationError", () => {
    expect(validationField(() => new MemoryMailbox({ dedupeWindowMs: -1 }))).toBe("dedupeWindowMs");
    expect(validationField(() => new MemoryMailbox({ now: 5 as never }))).toBe("now");
    expect(validationField(() => new MemoryMailbox())).toBe("accepted");
  });

  it("remembers a message id for 24 h by default, on the system clock", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 21, 9) });
    const mailbox = new MemoryMailbox();
    expect(await mailbox.append([text("m1")])).toBe(1);
    vi.setSystemTime(Date.now() + 24 * 3_600_000 - 1);
    expect(await mailbox.append([text("m1")])).toBe(0);
    vi.setSystemTime(Date.now() + 1);
    expect(await mailbox.append([text("m1")])).toBe(1);
  });
});
