import { randomUUID } from "node:crypto";
import { TtlCache } from "@toktok/cache";
import type { Claim, ClaimTimes, IdempotencyStore, RelayOutcome } from "./types.ts";

interface Entry {
  owner?: string;
  /** Lease end, in `now()` milliseconds. */
  until: number;
  outcome?: RelayOutcome;
  parts: Record<string, string>;
}

/**
 * One process: event ids in a TtlCache of @toktok/cache (bounded, expiring). Every method runs its
 * check and write in one synchronous turn, so no other request can interleave.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries: TtlCache<Entry>;
  readonly #now: () => number;

  /** @param options.now the clock of the leases (tests move it forward). */
  constructor(options: { max?: number; now?: () => number } = {}) {
    this.#entries = new TtlCache<Entry>({ ttl: 24 * 60 * 60 * 1000, max: options.max ?? 100_000 });
    this.#now = options.now ?? Date.now;
  }

  async begin(eventId: string, { leaseMs, ttlMs }: ClaimTimes): Promise<Claim> {
    const now = this.#now();
    const entry = this.#entries.get(eventId) ?? { until: 0, parts: {} };
    if (entry.outcome) return { state: "done", outcome: entry.outcome };
    if (entry.until > now) return { state: "processing", retryAfterMs: entry.until - now };
    const token = randomUUID();
    entry.owner = token;
    entry.until = now + leaseMs;
    this.#entries.set(eventId, entry, { ttl: ttlMs });
    return { state: "new", token, parts: { ...entry.parts } };
  }

  async renew(eventId: string, token: string, leaseMs: number): Promise<boolean> {
    const entry = this.#owned(eventId, token);
    if (!entry) return false;
    entry.until = this.#now() + leaseMs;
    return true;
  }

  async recordPart(eventId: string, part: string, messageId: string, ttlMs: number): Promise<void> {
    const entry = this.#entries.get(eventId);
    if (!entry) {
      this.#entries.set(eventId, { until: 0, parts: { [part]: messageId } }, { ttl: ttlMs });
      return;
    }
    entry.parts[part] ??= messageId;
  }

  async complete(eventId: string, token: string, outcome: RelayOutcome, ttlMs: number): Promise<boolean> {
    const entry = this.#owned(eventId, token);
    if (!entry) return false;
    this.#entries.set(eventId, { until: 0, outcome, parts: entry.parts }, { ttl: ttlMs });
    return true;
  }

  async release(eventId: string, token: string): Promise<void> {
    const entry = this.#owned(eventId, token);
    if (!entry) return;
    delete entry.owner;
    entry.until = 0;
  }

  async close(): Promise<void> {
    this.#entries.stop();
  }

  #owned(eventId: string, token: string): Entry | undefined {
    const entry = this.#entries.get(eventId);
    return entry && !entry.outcome && entry.owner === token ? entry : undefined;
  }
}
