import { randomUUID } from "node:crypto";
import type { RedisClientLike } from "./client.js";
import { lua, runCommand, runScript } from "./command.js";

// Delete / extend only if we still own the lock: a lock that expired and was taken by another process is theirs.
const releaseScript = lua(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
);
const extendScript = lua(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`,
);

/** A held Redis lock; call `release()` when done. */
export interface HeldLock {
  readonly key: string;
  readonly token: string;
  release(): Promise<void>;
}

/**
 * Tries once to take a short lock: `SET key token NX PX ttlMs`. While held, a watchdog (`unref`'d) extends it every
 * `ttlMs / 2` so that a slow computation does not let a second process in; `release` stops it and deletes the key
 * only if the token still matches.
 */
export async function tryLock(
  client: RedisClientLike,
  key: string,
  ttlMs: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HeldLock | undefined> {
  const token = randomUUID();
  const reply = await runCommand(client, timeoutMs, signal, "SET", key, token, "NX", "PX", ttlMs);
  if (reply !== "OK") return undefined;
  const watchdog = setInterval(
    () => {
      runScript(client, timeoutMs, undefined, extendScript, [key], [token, ttlMs]).catch(() => {
        // The lock then simply expires on its own; nothing to do here.
      });
    },
    Math.max(1, Math.floor(ttlMs / 2)),
  );
  watchdog.unref();
  return {
    key,
    token,
    release: async () => {
      clearInterval(watchdog);
      await runScript(client, timeoutMs, undefined, releaseScript, [key], [token]);
    },
  };
}
