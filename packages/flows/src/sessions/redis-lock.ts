import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { FlowsAbortError, LockTimeoutError } from "../errors.js";
import { parseOptions } from "../validate-options.js";
import { LuaScript, type RedisLike, redisOptionsSchema } from "./redis-client.js";
import type { UserLock } from "./types.js";

/** Options of {@link RedisUserLock}. */
export interface RedisUserLockOptions {
  client: RedisLike;
  /** Key prefix. Default `toktok:flows:`. */
  prefix?: string;
  /** Lock lifetime: a crashed holder frees it after this long; a live holder renews it every third of it. Default 10 s. */
  ttlMs?: number;
  /** Longest wait for the lock before `LockTimeoutError`. Default 5 s. */
  waitMs?: number;
}

const optionsSchema = redisOptionsSchema.extend({
  ttlMs: z.number().int().positive().default(10_000),
  waitMs: z.number().int().nonnegative().default(5_000),
});

const acquire = new LuaScript("if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 1 end return 0");
// Compare-and-extend: a live holder keeps its lock through a long turn (slow backend, send retries).
const renew = new LuaScript(
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
);
// Compare-and-delete: only the holder's token releases, never a lock that expired and was re-taken.
const release = new LuaScript(
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
);

/**
 * A short per-user lock in Redis (SET NX PX with a random token, renewed while held,
 * compare-and-delete release) so two processes never handle messages of one user at the same time.
 */
export class RedisUserLock implements UserLock {
  readonly #client: RedisLike;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #waitMs: number;

  constructor(options: RedisUserLockOptions) {
    const o = parseOptions(optionsSchema, options);
    this.#client = o.client;
    this.#prefix = o.prefix;
    this.#ttlMs = o.ttlMs;
    this.#waitMs = o.waitMs;
  }

  async acquire(userId: string, signal?: AbortSignal): Promise<() => Promise<void>> {
    const key = `${this.#prefix}lock:${userId}`;
    const token = randomUUID();
    const started = Date.now();
    let delay = 2;
    for (;;) {
      FlowsAbortError.throwIfAborted(signal, "acquire lock");
      if ((await acquire.run(this.#client, [key], [token, this.#ttlMs])) === 1) {
        let released = false;
        const renewal = setInterval(
          () => {
            // A failed renewal (Redis away) is not fatal: the lock then expires as for a crashed holder.
            renew.run(this.#client, [key], [token, this.#ttlMs]).catch(() => {});
          },
          Math.max(1, Math.floor(this.#ttlMs / 3)),
        );
        renewal.unref();
        return async () => {
          if (released) return;
          released = true;
          clearInterval(renewal);
          await release.run(this.#client, [key], [token]);
        };
      }
      if (Date.now() - started >= this.#waitMs) throw new LockTimeoutError(key, this.#waitMs);
      // Jittered backoff: holders keep the lock for one message, a few ms.
      await sleep(delay + Math.random() * delay, undefined, { ref: false, ...(signal ? { signal } : {}) }).catch(
        (error: unknown) => {
          FlowsAbortError.throwIfAborted(signal, "acquire lock");
          throw error;
        },
      );
      delay = Math.min(delay * 2, 50);
    }
  }
}
