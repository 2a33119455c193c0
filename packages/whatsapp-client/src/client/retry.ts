import { WhatsAppAbortError } from "../errors.js";

/** Retry policy of the client. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff delay. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest backoff delay, and the longest `Retry-After` honoured before giving up. Default 8000 ms. */
  maxDelayMs?: number;
  /**
   * Resend a message after a timeout or a connection reset once the request
   * was written, although WhatsApp may have sent it (a possible duplicate).
   * Default false: such a send fails with `ambiguous: true, retryable: false`
   * and the caller decides. Idempotent calls (GET, DELETE, mark as read,
   * upload) are retried either way.
   */
  retryAmbiguous?: boolean;
  /**
   * Longest time of a whole call, attempts and waits included, in ms; an
   * attempt gets at most what is left. Default: no limit beyond
   * `maxRetries` × (`timeoutMs` + backoff).
   */
  maxElapsedMs?: number;
}

export interface ResolvedRetry {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryAmbiguous: boolean;
  maxElapsedMs?: number | undefined;
}

/**
 * Delay before retry number `attempt` (0-based): exponential with "equal
 * jitter" (half fixed, half random) so synchronized clients spread out while
 * the wait still grows; a server `Retry-After` wins over the computed value.
 */
export function backoffDelay(
  attempt: number,
  policy: ResolvedRetry,
  retryAfterMs?: number,
  random = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with {@link WhatsAppAbortError} when `signal` fires; the timer never holds the process. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new WhatsAppAbortError(signal.reason));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WhatsAppAbortError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
