import { TtlCache } from "@toktok/cache";
import type { Claim, IdempotencyStore, RelayOutcome } from "./types.ts";

type Entry = { state: "processing" } | { state: "done"; outcome: RelayOutcome };

/** One process: event ids in a TtlCache of @toktok/cache (bounded, expiring). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries: TtlCache<Entry>;

  constructor(options: { max?: number } = {}) {
    this.#entries = new TtlCache<Entry>({ ttl: 24 * 60 * 60 * 1000, max: options.max ?? 100_000 });
  }

  async begin(eventId: string, ttlMs: number): Promise<Claim> {
    // Check and set happen in the same synchronous turn: no other request can interleave.
    const existing = this.#entries.get(eventId);
    if (existing) return existing;
    this.#entries.set(eventId, { state: "processing" }, { ttl: ttlMs });
    return { state: "new" };
  }

  async complete(eventId: string, outcome: RelayOutcome, ttlMs: number): Promise<void> {
    this.#entries.set(eventId, { state: "done", outcome }, { ttl: ttlMs });
  }

  async release(eventId: string): Promise<void> {
    this.#entries.delete(eventId);
  }
}
