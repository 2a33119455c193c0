import type { ClockTimer, TimerClock } from "../delivery/timer-clock.js";

interface Pending {
  due: number;
  seq: number;
  run: () => void;
}

/**
 * A {@link TimerClock} that moves only when told: give it to a `MemoryJobQueue` (and its `now` to whatever
 * reads the time with it, e.g. `createDispatcher`), then {@link ManualClock.advance} fires the timers that
 * fall due, in the order they fall due, instead of a test waiting for them in real time.
 * @example
 * const clock = new ManualClock(Date.UTC(2026, 10, 19, 9));
 * const timers = new MemoryJobQueue({ clock });
 * const dispatcher = createDispatcher({ ..., timers, now: clock.now });
 * clock.advance(50 * 60_000); // the lateness check due in 45 min runs
 */
export class ManualClock implements TimerClock {
  #now: number;
  #seq = 0;
  readonly #pending = new Set<Pending>();

  /** @param startMs the time it shows, epoch ms (default: now, on the real clock). */
  constructor(startMs: number = Date.now()) {
    if (!Number.isFinite(startMs)) throw new RangeError("ManualClock: startMs must be a finite number");
    this.#now = startMs;
  }

  /** Current time, epoch ms (bound: pass `clock.now` as a `() => number`). */
  readonly now = (): number => this.#now;

  setTimer(run: () => void, delayMs: number): ClockTimer {
    const pending: Pending = { due: this.#now + Math.max(0, delayMs), seq: this.#seq++, run };
    this.#pending.add(pending);
    return { cancel: () => this.#pending.delete(pending) };
  }

  /** Timers not fired yet. */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * Moves the time `ms` forward, firing each timer that falls due on the way at its own time (the clock
   * shows its due time while it runs), earliest first; a timer set by one that fires is fired too when it
   * falls due within the move.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("ManualClock.advance: ms must be a finite number ≥ 0");
    const until = this.#now + ms;
    for (let next = this.#next(until); next; next = this.#next(until)) {
      this.#pending.delete(next);
      this.#now = Math.max(this.#now, next.due);
      next.run();
    }
    this.#now = until;
  }

  /** The earliest timer due by `until`, or none. */
  #next(until: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.#pending) {
      if (p.due <= until && (!best || p.due < best.due || (p.due === best.due && p.seq < best.seq))) best = p;
    }
    return best;
  }
}
