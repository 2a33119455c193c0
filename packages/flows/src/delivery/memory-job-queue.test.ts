import { describe, expect, it, vi } from "vitest";
import { MemoryJobQueue } from "./memory-job-queue.js";

/** A promise the test settles by hand. */
function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("MemoryJobQueue", () => {
  it("runs one key at a time, keys in parallel, and folds schedules made during a run into one more run", async () => {
    const jobs = new MemoryJobQueue();
    const gate = deferred();
    const runs: string[] = [];
    let running = 0;
    let most = 0;
    jobs.process(async (key) => {
      runs.push(key);
      running++;
      most = Math.max(most, running);
      if (key === "a" && runs.filter((k) => k === "a").length === 1) await gate.promise;
      running--;
      return undefined;
    });
    await jobs.schedule("a");
    await jobs.schedule("a");
    await jobs.schedule("a");
    await jobs.schedule("b");
    await vi.waitFor(() => expect(runs).toEqual(["a", "b"]));
    expect(await jobs.counts()).toMatchObject({ active: 1, waiting: 1 });
    gate.resolve();
    await jobs.whenIdle();
    expect(runs).toEqual(["a", "b", "a"]);
    expect(most).toBe(2);
    expect(await jobs.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
  });

  it("keeps keys scheduled before a handler exists, and runs them once it does", async () => {
    const jobs = new MemoryJobQueue();
    await jobs.schedule("a");
    await jobs.schedule("b");
    const runs: string[] = [];
    jobs.process(async (key) => {
      runs.push(key);
      return undefined;
    });
    await jobs.whenIdle();
    expect(runs.sort()).toEqual(["a", "b"]);
  });

  it("retries a rejected run with growing backoff and reports each failure", async () => {
    const errors: unknown[] = [];
    const jobs = new MemoryJobQueue({ retryBaseMs: 20, retryMaxMs: 1_000, onError: (e) => errors.push(e) });
    const times: number[] = [];
    jobs.process(async () => {
      times.push(performance.now());
      if (times.length < 3) throw new Error(`store down ${times.length}`);
      return undefined;
    });
    await jobs.schedule("a");
    await vi.waitFor(() => expect(times).toHaveLength(3));
    expect(errors.map(String)).toEqual(["Error: store down 1", "Error: store down 2"]);
    // Equal jitter: at least half of 20 ms, then half of 40 ms (a timer may fire a ms early).
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(9);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(19);
    await tick();
    expect(times).toHaveLength(3);
  });

  it("runs a key again after the retryInMs its run asked for, not before", async () => {
    const jobs = new MemoryJobQueue();
    const times: number[] = [];
    jobs.process(async () => {
      times.push(performance.now());
      return times.length === 1 ? { retryInMs: 40 } : undefined;
    });
    await jobs.schedule("a");
    await jobs.whenIdle();
    expect(times).toHaveLength(1);
    expect(await jobs.counts()).toMatchObject({ delayed: 1, active: 0 });
    await vi.waitFor(() => expect(times).toHaveLength(2));
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(39);
  });

  it("keeps the earliest wake-up of a key, and a run asked for now replaces a pending one", async () => {
    const jobs = new MemoryJobQueue();
    const runs: string[] = [];
    jobs.process(async (key) => {
      runs.push(key);
      return undefined;
    });
    await jobs.schedule("a", 20);
    await jobs.schedule("a", 60_000);
    await vi.waitFor(() => expect(runs).toEqual(["a"]), { timeout: 500 });

    await jobs.schedule("b", 30);
    await jobs.schedule("b");
    await jobs.whenIdle();
    expect(runs).toEqual(["a", "b"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toEqual(["a", "b"]);
    expect(await jobs.counts()).toMatchObject({ delayed: 0 });
  });

  it("close() waits for the running run, drops what was pending, and never runs again", async () => {
    const jobs = new MemoryJobQueue();
    const gate = deferred();
    const runs: string[] = [];
    jobs.process(async (key) => {
      runs.push(key);
      if (key === "a") await gate.promise;
      return undefined;
    });
    await jobs.schedule("a");
    await jobs.schedule("b", 10);
    await vi.waitFor(() => expect(runs).toEqual(["a"]));
    // Asked for while "a" runs: dropped by the close, not waited for forever.
    await jobs.schedule("a");
    let closed = false;
    const closing = jobs.close().then(() => {
      closed = true;
    });
    await tick();
    expect(closed).toBe(false);
    gate.resolve();
    await closing;
    await jobs.schedule("c");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual(["a"]);
  });
});
