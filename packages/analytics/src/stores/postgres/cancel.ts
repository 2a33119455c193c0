import { AnalyticsAbortError } from "../../errors.js";
import { acquire } from "./lease.js";
import type { PgPoolLike, PgQueryable } from "./pg-types.js";

/**
 * Runs `fn` on one connection checked out within `connectTimeoutMs`. When a
 * `signal` is given, aborting cancels the running statement with
 * `pg_cancel_backend` (sent over another pooled connection) and rejects with
 * {@link AnalyticsAbortError}.
 */
export async function withConnection<T>(
  pool: PgPoolLike,
  operation: string,
  signal: AbortSignal | undefined,
  connectTimeoutMs: number,
  fn: (db: PgQueryable) => Promise<T>,
): Promise<T> {
  AnalyticsAbortError.throwIfAborted(signal, operation);
  const lease = await acquire(pool, connectTimeoutMs);
  const pid = lease.processID;
  const onAbort = () => {
    if (pid !== undefined) pool.query("SELECT pg_cancel_backend($1)", [pid]).catch(() => {});
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  let failure: unknown;
  try {
    AnalyticsAbortError.throwIfAborted(signal, operation);
    return await fn(lease.db);
  } catch (error) {
    failure = error;
    if (signal?.aborted) throw new AnalyticsAbortError(operation, signal.reason);
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    lease.release(failure);
  }
}
