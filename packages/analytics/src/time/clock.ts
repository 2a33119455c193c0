/** A clock returning epoch milliseconds. */
export type Clock = () => number;

/**
 * Timestamps for the tracking hot path. Reading the system clock costs tens of
 * nanoseconds on some VMs — more than the rest of a `trackMessage` call — so the
 * default clock caches `Date.now()` and refreshes it every 64 reads and at least
 * every 50 ms (an unref'd timer), bounding the error well below any bucket this
 * package reports. An injected clock is called on every read, exactly.
 */
export class HotClock {
  readonly #source: Clock;
  readonly #coarse: boolean;
  #value = 0;
  #reads = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(source: Clock | undefined) {
    this.#coarse = source === undefined;
    this.#source = source ?? Date.now;
  }

  /** Current time for tracking; see the class comment for its precision. */
  now(): number {
    if (!this.#coarse) return this.#source();
    if ((this.#reads++ & 63) === 0) {
      this.#value = Date.now();
      if (this.#timer === undefined) this.#start();
    }
    return this.#value;
  }

  /** Exact time for reads and reports. */
  exact(): number {
    return this.#source();
  }

  #start(): void {
    this.#timer = setInterval(() => {
      this.#reads = 0;
    }, 50);
    this.#timer.unref();
  }

  /** Stops the refresh timer. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
