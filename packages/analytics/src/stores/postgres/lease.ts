import type { PgPoolClientLike, PgPoolLike, PgQueryable, PgResult } from "./pg-types.js";

/** PostgreSQL did not answer in time (connect or write); handled as "unavailable" (no SQLSTATE). */
export class PgTimeoutError extends Error {
  override name = "TimeoutError";
}

/** A pooled connection held by the store, released exactly once. */
export interface Lease {
  readonly db: PgQueryable;
  /** Backend pid (for `pg_cancel_backend`), when the driver exposes it. */
  readonly processID: number | undefined;
  /**
   * Returns the connection to the pool; destroyed instead when it emitted
   * `'error'` or when `error` is a connection-level failure (no SQLSTATE).
   */
  release(error?: unknown): void;
}

const isServerError = (error: unknown) =>
  typeof error === "object" && error !== null && typeof (error as { severity?: unknown }).severity === "string";

/**
 * Checks a connection out within `timeoutMs` (a pool given by the user may have
 * no `connectionTimeoutMillis`; a late connection is returned to the pool), and
 * listens to its `'error'` event while it is held: pg emits it on a checked-out
 * client whose connection dies, and an unheard `'error'` ends the process.
 */
export async function acquire(pool: PgPoolLike, timeoutMs: number): Promise<Lease> {
  const pending = pool.connect();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let client: PgPoolClientLike;
  try {
    client = await Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new PgTimeoutError(`no PostgreSQL connection within ${timeoutMs} ms`)),
          timeoutMs,
        );
        timer.unref();
      }),
    ]);
  } catch (error) {
    pending.then(
      (late) => late.release(),
      () => {},
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let broken: Error | undefined;
  let released = false;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on?.("error", onError);
  const pid = (client as { processID?: unknown }).processID;
  return {
    db: client,
    processID: typeof pid === "number" ? pid : undefined,
    release(error?: unknown) {
      if (released) return;
      released = true;
      client.removeListener?.("error", onError);
      const destroy = broken ?? (error !== undefined && !isServerError(error) ? toError(error) : undefined);
      client.release(destroy);
    },
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Runs one statement on a lease, giving up after `timeoutMs`: the connection is
 * then destroyed (the statement may still commit: only idempotent statements go here).
 */
export async function queryWithin<R>(
  lease: Lease,
  text: string,
  values: unknown[] | undefined,
  timeoutMs: number,
): Promise<PgResult<R>> {
  const running = lease.db.query<R>(text, values);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new PgTimeoutError(`PostgreSQL did not answer within ${timeoutMs} ms`);
          running.catch(() => {});
          lease.release(error);
          reject(error);
        }, timeoutMs);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` on a connection acquired within `connectTimeoutMs`, released (or destroyed after a connection failure) afterwards. */
export async function withLease<T>(
  pool: PgPoolLike,
  connectTimeoutMs: number,
  fn: (lease: Lease) => Promise<T>,
): Promise<T> {
  const lease = await acquire(pool, connectTimeoutMs);
  let failure: unknown;
  try {
    return await fn(lease);
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    lease.release(failure);
  }
}
