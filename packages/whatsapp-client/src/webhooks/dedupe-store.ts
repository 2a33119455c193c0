import { z } from "zod";
import { validateOptions } from "../validation.js";

/**
 * Remembers keys for a while so a redelivered webhook is processed once.
 * Back it with Redis (`SET key 1 NX PX ttl`) to share it between processes.
 */
export interface DedupeStore {
  /** Records `key` for `ttlMs`; resolves `true` when it was not already recorded (first delivery). */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /**
   * Forgets `key` (Redis: `DEL key`), so a redelivery of an event whose
   * handling failed is handled again. Optional: without it a failed event
   * stays claimed until its TTL ends.
   */
  release?(key: string): void | Promise<void>;
}

/** Options of {@link MemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /** Most keys kept; the oldest go first. Default 100000. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

// The options and their defaults, written once; the constructor uses the parsed output.
const optionsSchema = z.object({
  maxEntries: z.number().int().positive().default(100_000),
  // A function default is given by a factory (zod calls a function passed to `default`).
  now: z.custom<() => number>((v) => typeof v === "function", "must be a function").default(() => Date.now),
});

/**
 * The in-memory default {@link DedupeStore}: a Map in insertion order with
 * expiry times. It needs no timer, so it never keeps a process alive.
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #entries = new Map<string, number>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const o = validateOptions(optionsSchema, options);
    this.#max = o.maxEntries;
    this.#now = o.now;
  }

  /** Number of keys held (expired ones included until swept). */
  get size(): number {
    return this.#entries.size;
  }

  claim(key: string, ttlMs: number): boolean {
    const now = this.#now();
    const expires = this.#entries.get(key);
    if (expires !== undefined && expires > now) return false;
    this.#entries.delete(key);
    this.#entries.set(key, now + ttlMs);
    if (this.#entries.size > this.#max) this.#evict(now);
    return true;
  }

  release(key: string): void {
    this.#entries.delete(key);
  }

  #evict(now: number): void {
    for (const [key, expires] of this.#entries) {
      if (this.#entries.size <= this.#max) return;
      // Oldest first: entries were inserted in time order, so the first ones expire first too.
      if (expires <= now || this.#entries.size > this.#max) this.#entries.delete(key);
    }
  }
}
