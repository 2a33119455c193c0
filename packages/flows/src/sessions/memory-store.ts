import { LRUCache } from "lru-cache";
import { z } from "zod";
import { DEFAULT_RETENTION_MS } from "../retention.js";
import { parseOptions } from "../validate-options.js";
import { copyAsJson } from "./json-copy.js";
import type { Session, SessionStore, StoredSession } from "./types.js";

/** Options of {@link MemorySessionStore}. */
export interface MemorySessionStoreOptions {
  /** Most sessions kept (least recently used dropped first). Default 10,000. */
  max?: number;
  /** Time a session lives after its last write, in ms. Default 24 h ({@link DEFAULT_RETENTION_MS}). */
  ttlMs?: number;
}

// The options and their defaults, written once; the constructor uses the parsed output.
const optionsSchema = z.object({
  max: z.number().int().positive().default(10_000),
  ttlMs: z.number().positive().default(DEFAULT_RETENTION_MS),
});

interface Entry {
  /** A copy of what was saved, as JSON would give it back; never handed out itself. */
  session: Session;
  version: number;
}

/**
 * In-process session store on lru-cache with a TTL: the default, for one process.
 * Sessions are copied in and out as a JSON round trip would give them (a `Date` comes back as its
 * ISO string, `undefined` fields are dropped, as from Redis), so callers never share mutable objects.
 */
export class MemorySessionStore implements SessionStore {
  readonly #cache: LRUCache<string, Entry>;

  constructor(options: MemorySessionStoreOptions = {}) {
    const { max, ttlMs } = parseOptions(optionsSchema, options);
    this.#cache = new LRUCache<string, Entry>({ max, ttl: ttlMs, ttlAutopurge: false });
  }

  async load(userId: string): Promise<StoredSession | undefined> {
    const entry = this.#cache.get(userId);
    return entry ? { session: copyAsJson(entry.session), version: entry.version } : undefined;
  }

  async save(userId: string, session: Session, expectedVersion: number): Promise<boolean> {
    const current = this.#cache.get(userId)?.version ?? 0;
    if (current !== expectedVersion) return false;
    // Copied before the version moves: a session JSON cannot write (a cycle, a BigInt) throws and stores nothing.
    this.#cache.set(userId, { session: copyAsJson(session), version: current + 1 });
    return true;
  }

  async delete(userId: string): Promise<void> {
    this.#cache.delete(userId);
  }

  /** Number of sessions held. */
  get size(): number {
    return this.#cache.size;
  }
}
