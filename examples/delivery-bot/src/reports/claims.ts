import { randomUUID } from "node:crypto";
import type { Cluster, Redis } from "ioredis";

/**
 * Who sends a report: the first process to claim its period. A claim is kept after a successful send
 * (so no other process, nor this one after a restart, sends it again) and released after a failed one
 * (so the next try — another process's, or the next manual send — may take it).
 */
export interface ReportClaims {
  /** True when this process now holds `key` for `ttlMs`; false when someone else does. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives back a claim this process holds (a claim taken over by another is left alone). */
  release(key: string): Promise<void>;
}

/** Claims in this process's memory: enough for one process (the default without Redis). */
export class MemoryReportClaims implements ReportClaims {
  readonly #held = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const until = this.#held.get(key);
    if (until !== undefined && until > this.#now()) return false;
    this.#held.set(key, this.#now() + ttlMs);
    return true;
  }

  async release(key: string): Promise<void> {
    this.#held.delete(key);
  }
}

// Deletes the key only while it still holds our token: a claim that expired and was taken by
// another process is theirs, not ours to release.
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/** Claims in Redis (`SET key token NX PX ttl`), shared by every bot process on that Redis. */
export class RedisReportClaims implements ReportClaims {
  readonly #redis: Redis | Cluster;
  readonly #prefix: string;
  readonly #tokens = new Map<string, string>();

  /** @param prefix Default `toktok:report-claim:`. */
  constructor(redis: Redis | Cluster, prefix = "toktok:report-claim:") {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const token = randomUUID();
    const ok = await this.#redis.set(this.#prefix + key, token, "PX", Math.max(1, Math.ceil(ttlMs)), "NX");
    if (ok !== "OK") return false;
    this.#tokens.set(key, token);
    return true;
  }

  async release(key: string): Promise<void> {
    const token = this.#tokens.get(key);
    if (token === undefined) return;
    this.#tokens.delete(key);
    await this.#redis.eval(RELEASE, 1, this.#prefix + key, token);
  }
}
