/** A pending timer of a {@link TimerClock}. */
export interface ClockTimer {
  /** Stops the timer; a timer that fired already is left alone. */
  cancel(): void;
}

/**
 * Time and timers of the in-process job queue (`MemoryJobQueue`) and of whatever reads the same clock
 * (dispatch's ETAs and lateness). The system's by default ({@link systemClock}); a test passes a
 * movable one (`ManualClock` of `@toktok/flows/testing`) so that moving the time fires the jobs due,
 * instead of waiting for them in real time.
 */
export interface TimerClock {
  /** Current time, epoch ms. */
  now(): number;
  /** Calls `run` once `delayMs` have passed on this clock. */
  setTimer(run: () => void, delayMs: number): ClockTimer;
}

/**
 * The real clock: `Date.now` and `setTimeout`. Its timers are `unref`'d, so a pending one never keeps
 * the process alive.
 */
export const systemClock: TimerClock = {
  now: () => Date.now(),
  setTimer(run, delayMs) {
    const timer = setTimeout(run, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
