import { type Clock, coarseWallClock } from "../clock.js";
import { checkFunction, checkInt } from "../validation.js";
import { type LimiterState, newState, step } from "./algorithms.js";
import type { RateLimitResult, RateLimitRule, RateLimitStore } from "./types.js";

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Clock in ms, read on every check. Default: `Date.now()`, re-read after 1 ms of event-loop time or every 64 checks
   * (a clock read costs more than the check itself on many VMs); fake timers move it.
   */
  now?: Clock;
  /** How often keys that are back to full are dropped, in ms (default 60 000); the timer is `unref`'d. */
  pruneIntervalMs?: number;
}

/**
 * In-process counters for a {@link RateLimiter}: the default store. Memory stays bounded: a key is dropped as soon as
 * it is back to full, by an `unref`'d sweep (and on `reset`).
 * @example
 * const store = new MemoryStore({ now: () => testClock });
 * const limiter = new RateLimiter({ points: 5, duration: 1000, store });
 */
export class MemoryStore implements RateLimitStore {
  // One map per limiter name: looking up the caller's key as is avoids building "<name>:<key>" on every consume.
  readonly #spaces = new Map<string, Map<string, LimiterState>>();
  readonly #now: Clock;
  readonly #pruneIntervalMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    checkFunction(options.now, "now");
    checkInt(options.pruneIntervalMs, "pruneIntervalMs", 1, true);
    this.#now = options.now ?? coarseWallClock;
    this.#pruneIntervalMs = options.pruneIntervalMs ?? 60_000;
  }

  /** Synchronous consume, for callers that know the store is in memory. */
  consumeSync(key: string, cost: number, rule: RateLimitRule): RateLimitResult {
    const now = this.#now();
    let space = this.#spaces.get(rule.name);
    if (space === undefined) {
      space = new Map();
      this.#spaces.set(rule.name, space);
    }
    let state = space.get(key);
    if (state === undefined) {
      if (cost === 0) return { allowed: true, remaining: rule.points, resetMs: 0, retryAfterMs: 0 };
      state = newState(rule, now);
      space.set(key, state);
      if (this.#timer === undefined) this.#startSweep();
    }
    return step(state, rule, now, cost);
  }

  /** {@inheritDoc RateLimitStore.consume} */
  consume(key: string, cost: number, rule: RateLimitRule): Promise<RateLimitResult> {
    try {
      return Promise.resolve(this.consumeSync(key, cost, rule));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** {@inheritDoc RateLimitStore.reset} */
  reset(key: string, rule: RateLimitRule): Promise<void> {
    this.#spaces.get(rule.name)?.delete(key);
    return Promise.resolve();
  }

  /** Drops every key that is back to full; returns how many. Runs on its own every `pruneIntervalMs`. */
  prune(): number {
    const now = this.#now();
    let dropped = 0;
    for (const [name, space] of this.#spaces) {
      for (const [key, state] of space) {
        if (state.expiresAt <= now && state.blockedUntil <= now) {
          space.delete(key);
          dropped++;
        }
      }
      if (space.size === 0) this.#spaces.delete(name);
    }
    if (this.#spaces.size === 0) this.stop();
    return dropped;
  }

  /** Keys currently tracked. */
  get size(): number {
    let n = 0;
    for (const space of this.#spaces.values()) n += space.size;
    return n;
  }

  /** Stops the sweep timer (it restarts by itself on the next new key). */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Same as {@link MemoryStore.stop}. */
  [Symbol.dispose](): void {
    this.stop();
  }

  #startSweep(): void {
    this.#timer = setInterval(() => this.prune(), this.#pruneIntervalMs);
    this.#timer.unref();
  }
}
