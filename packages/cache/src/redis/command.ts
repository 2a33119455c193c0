import { createHash } from "node:crypto";
import { CacheAbortError, CacheCommandError, CacheUnavailableError } from "../errors.js";
import type { RedisClientLike } from "./client.js";
import { deadline } from "./deadlines.js";

// Redis replies meaning "the server cannot serve now" rather than "your command is wrong".
const transientReply = /^(BUSY|LOADING|READONLY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|NOREPLICAS|MOVED|ASK)\b/;

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && (error.name === "ReplyError" || /^[A-Z]{3,}\b/.test(error.message));
}

/** Maps whatever the client threw to this package's errors. */
export function toCacheError(command: string, error: unknown): Error {
  if (isReplyError(error) && !transientReply.test(error.message)) {
    return new CacheCommandError(command, `Redis ${command} failed: ${error.message}`, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CacheUnavailableError(command, "connection", `Redis unavailable for ${command}: ${message}`, error);
}

/**
 * Runs one Redis command, settled within `timeoutMs` whatever the client does: its offline queue may hold the
 * command forever while reconnecting, so we race it with a deadline (see deadlines.ts: one `unref`'d timer for all
 * commands). A timed-out command may still run later.
 */
export function runCommand(
  client: RedisClientLike,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  command: string,
  ...args: Array<string | number>
): Promise<unknown> {
  return send(client, timeoutMs, signal, command, args);
}

/** {@link runCommand} with the arguments as one array (no spreading). */
export function send(
  client: RedisClientLike,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  command: string,
  args: Array<string | number>,
): Promise<unknown> {
  return exchange(client, timeoutMs, signal, command, args, identity, rethrow);
}

const identity = (reply: unknown): unknown => reply;
const rethrow = (error: Error): never => {
  throw error;
};

/**
 * The hot path under {@link send}: one command whose reply goes through `onReply` and whose failure (already mapped
 * to this package's errors: reply error, connection, timeout or abort) goes through `onError`, which may answer
 * instead (a retry, a fallback) or rethrow. Both are applied inside the one promise returned, so a check costs a
 * single promise of ours rather than one per `.then` layer. Whichever of answer, deadline or abort comes first wins;
 * a promise settles once, the others are no-ops.
 */
export function exchange<T>(
  client: RedisClientLike,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  command: string,
  args: Array<string | number>,
  onReply: (reply: unknown) => T,
  onError: (error: Error) => T | Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = (error: Error) => {
      try {
        resolve(onError(error));
      } catch (thrown) {
        reject(thrown);
      }
    };
    if (signal?.aborted) {
      fail(new CacheAbortError(command, signal.reason));
      return;
    }
    let pending: Promise<unknown>;
    try {
      pending = client.call(command, args);
    } catch (error) {
      fail(toCacheError(command, error));
      return;
    }
    const timer = deadline(timeoutMs, () => {
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      fail(new CacheUnavailableError(command, "timeout", `Redis did not answer ${command} within ${timeoutMs} ms`));
    });
    const onAbort = signal
      ? () => {
          timer.settle();
          fail(new CacheAbortError(command, signal.reason));
        }
      : undefined;
    if (onAbort) signal?.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (reply) => {
        if (timer.settled) return; // too late: the deadline or the abort has answered
        timer.settle();
        if (onAbort) signal?.removeEventListener("abort", onAbort);
        try {
          resolve(onReply(reply));
        } catch (thrown) {
          reject(thrown);
        }
      },
      (error: unknown) => {
        if (timer.settled) return;
        timer.settle();
        if (onAbort) signal?.removeEventListener("abort", onAbort);
        fail(toCacheError(command, error));
      },
    );
  });
}

/** True for Redis' answer to EVALSHA of a script it does not hold. */
export function isNoScript(error: unknown): boolean {
  return CacheCommandError.isInstance(error) && error.message.includes("NOSCRIPT");
}

/** A Lua script with its SHA1, for EVALSHA. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

/** Builds a {@link LuaScript}. */
export function lua(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * Runs a script in one round trip with EVALSHA; only when Redis does not know it yet (NOSCRIPT, e.g. after a restart)
 * sends the source with EVAL, which also caches it. Both attempts share one `timeoutMs` budget.
 */
export function runScript(
  client: RedisClientLike,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  script: LuaScript,
  keys: readonly string[],
  args: ReadonlyArray<string | number>,
): Promise<unknown> {
  return evalScript(client, timeoutMs, signal, script, [script.sha, keys.length, ...keys, ...args]);
}

/** {@link runScript} with `[sha, numKeys, ...keys, ...args]` prebuilt (the hot path); `command[0]` is replaced. */
export function evalScript(
  client: RedisClientLike,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  script: LuaScript,
  command: Array<string | number>,
): Promise<unknown> {
  const started = performance.now();
  return send(client, timeoutMs, signal, "EVALSHA", command).catch((error: unknown) => {
    if (!isNoScript(error)) throw error;
    const left = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
    command[0] = script.source;
    return send(client, left, signal, "EVAL", command);
  });
}
