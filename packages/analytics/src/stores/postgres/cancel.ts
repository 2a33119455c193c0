import { AnalyticsAbortedError } from "../../errors.js";
import type { PgPoolLike, PgQueryable } from "./pg-types.js";

/**
 * Runs `fn` on the pool, or on one pinned connection when `pin` is set or a
 * `signal` is given: aborting then cancels the running statement with
 * `pg_cancel_backend` (sent over another pooled connection) and rejects with
 * {@link AnalyticsAbortedError}.
 */
export async function withConnection<T>(
  pool: PgPoolLike,
  operation: string,
  signal: AbortSignal | undefined,
  pin: boolean,
  fn: (db: PgQueryable) => Promise<T>,
): Promise<T> {
  AnalyticsAbortedError.throwIfAborted(signal, operation);
  if (signal === undefined && !pin) return fn(pool);
  const client = await pool.connect();
  const pid = (client as { processID?: unknown }).processID;
  const onAbort = () => {
    if (typeof pid === "number") pool.query("SELECT pg_cancel_backend($1)", [pid]).catch(() => {});
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    AnalyticsAbortedError.throwIfAborted(signal, operation);
    return await fn(client);
  } catch (error) {
    if (signal?.aborted) throw new AnalyticsAbortedError(operation, signal.reason);
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    client.release();
  }
}
