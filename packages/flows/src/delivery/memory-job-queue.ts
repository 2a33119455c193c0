import { z } from "zod";
import { parseOptions } from "../validate-options.js";
import { backoffMs } from "./backoff.js";
import { type ClockTimer, systemClock, type TimerClock } from "./timer-clock.js";
import type { JobCounts, JobHandler, JobQueue } from "./types.js";

/** Options of {@link MemoryJobQueue}. */
export interface MemoryJobQueueOptions {
  /** First delay after a failed run, in ms. Default 200. */
  retryBaseMs?: number;
  /** Longest delay between two failed runs, in ms. Default 30 s. */
  retryMaxMs?: number;
  /** Receives failed runs (they are retried). */
  onError?: (error: unknown, key: string) => void;
  /**
   * Time and timers of the delays. Default {@link systemClock}; a test passes a `ManualClock` and fires
   * the jobs due by moving it.
   */
  clock?: TimerClock;
}

type OnError = (error: unknown, key: string) => void;
const ignore: OnError = () => {};

// The options and their defaults, written once; the constructor uses the parsed output. `onError` is
// checked, not parsed (a custom schema hands the caller's function back as it is).
const optionsSchema = z.object({
  retryBaseMs: z.number().int().positive().default(200),
  retryMaxMs: z.number().int().positive().default(30_000),
  // A function default is given by a factory (zod calls a function passed to `default`).
  onError: z.custom<OnError>((v) => typeof v === "function", "must be a function").default(() => ignore),
  clock: z
    .custom<TimerClock>(
      (v) =>
        typeof v === "object" &&
        v !== null &&
        typeof (v as TimerClock).now === "function" &&
        typeof (v as TimerClock).setTimer === "function",
      "must be a TimerClock (now and setTimer)",
    )
    .default(() => systemClock),
});

interface KeyState {
  running: boolean;
  /** Another run was asked for while this one ran. */
  again: boolean;
  timer?: ClockTimer;
  /** When the pending timer fires (the clock's ms). */
  due?: number;
  failures: number;
}

/**
 * The in-process {@link JobQueue}: one run at a time per key, keys in parallel, failed runs
 * retried forever with capped backoff. Jobs live in memory: a restart forgets them, which
 * is right only when the mailbox and sessions are in memory too (one process, the demo).
 * Timers are `unref`'d, so the queue never keeps a process alive. Delays run on `clock` (the system's
 * by default).
 */
export class MemoryJobQueue implements JobQueue {
  readonly #keys = new Map<string, KeyState>();
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #onError: (error: unknown, key: string) => void;
  readonly #clock: TimerClock;
  readonly #idle = new Set<() => void>();
  #handler: JobHandler | undefined;
  #closed = false;

  constructor(options: MemoryJobQueueOptions = {}) {
    const o = parseOptions(optionsSchema, options);
    this.#baseMs = o.retryBaseMs;
    this.#maxMs = o.retryMaxMs;
    this.#onError = o.onError;
    this.#clock = o.clock;
  }

  async schedule(key: string, delayMs = 0): Promise<void> {
    if (this.#closed) return;
    const state = this.#state(key);
    if (delayMs > 0) {
      // The earliest wake-up wins: a later one must not postpone a run already due sooner (the
      // run re-decides anyway), which is also how a queue of separate delayed jobs behaves.
      const due = this.#clock.now() + delayMs;
      if (state.timer && state.due !== undefined && state.due <= due) return;
      this.#clearTimer(state);
      state.due = due;
      state.timer = this.#clock.setTimer(() => {
        state.timer = undefined;
        state.due = undefined;
        this.#start(key);
      }, delayMs);
      return;
    }
    // A run asked for now makes a pending timer useless.
    this.#clearTimer(state);
    this.#start(key);
  }

  process(handler: JobHandler): void {
    this.#handler = handler;
    for (const [key, state] of this.#keys) if (state.again && !state.running) this.#start(key);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const state of this.#keys.values()) this.#clearTimer(state);
    await this.whenIdle();
  }

  async counts(): Promise<JobCounts> {
    let waiting = 0;
    let delayed = 0;
    let active = 0;
    for (const s of this.#keys.values()) {
      if (s.running) active++;
      if (s.again) waiting++;
      if (s.timer) delayed++;
    }
    return { waiting, delayed, active, failed: 0 };
  }

  /** Resolves when no run is going on or due now (delayed retries may remain). */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  #isIdle(): boolean {
    // Once closed, runs asked for are dropped, not due: only a running one keeps the queue busy
    // (else `close()` would wait forever for a run that a schedule during the last run asked for).
    const due = this.#handler !== undefined && !this.#closed;
    for (const s of this.#keys.values()) if (s.running || (s.again && due)) return false;
    return true;
  }

  #clearTimer(state: KeyState): void {
    state.timer?.cancel();
    state.timer = undefined;
    state.due = undefined;
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (!state) {
      state = { running: false, again: false, failures: 0 };
      this.#keys.set(key, state);
    }
    return state;
  }

  #start(key: string): void {
    const state = this.#state(key);
    state.again = true;
    if (state.running || !this.#handler || this.#closed) return;
    void this.#run(key, state, this.#handler);
  }

  async #run(key: string, state: KeyState, handler: JobHandler): Promise<void> {
    state.running = true;
    while (state.again && !this.#closed) {
      state.again = false;
      let retryInMs: number | undefined;
      try {
        retryInMs = (await handler(key))?.retryInMs;
        state.failures = 0;
      } catch (error) {
        this.#onError(error, key);
        retryInMs = backoffMs(state.failures++, this.#baseMs, this.#maxMs);
      }
      if (retryInMs !== undefined && !state.again) {
        state.running = false;
        await this.schedule(key, Math.max(1, retryInMs));
        this.#settle(key, state);
        return;
      }
    }
    state.running = false;
    this.#settle(key, state);
  }

  #settle(key: string, state: KeyState): void {
    if (!state.running && !state.again && !state.timer && state.failures === 0) this.#keys.delete(key);
    if (this.#isIdle()) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
  }
}
