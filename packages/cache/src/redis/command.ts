import { createHash } from "node:crypto";
import { CacheCommandError, CacheUnavailableError } from "../errors.js";
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

/** {@link runCommand} with the arguments as one array (the hot path: no spreading). */
export function send(
  client: RedisClientLike,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  command: string,
  args: Array<string | number>,
): Promise<unknown> {
  if (signal?.aborted) {
    return Promise.reject(new CacheUnavailableError(command, "aborted", `${command} aborted`, signal.reason));
  }
  let pending: Promise<unknown>;
  try {
    pending = client.call(command, args);
  } catch (error) {
    return Promise.reject(toCacheError(command, error));
  }
  return new Promise((resolve, reject) => {
    // A promise settles once: whichever of answer, deadline or abort comes first wins, the others are no-ops.
    const timer = deadline(timeoutMs, () => {
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      reject(new CacheUnavailableError(command, "timeout", `Redis did not answer ${command} within ${timeoutMs} ms`));
    });
    const onAbort = signal
      ? () => {
          timer.settle();
          reject(new CacheUnavailableError(command, "aborted", `${command} aborted`, signal.reason));
        }
      : undefined;
    if (signal && onAbort) signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        timer.settle();
        if (onAbort) signal?.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        timer.settle();
        if (onAbort) signal?.removeEventListener("abort", onAbort);
        reject(toCacheError(command, error));
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
