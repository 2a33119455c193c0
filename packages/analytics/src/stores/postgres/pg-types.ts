/** The part of a `pg` query result this package reads. */
export interface PgResult<R> {
  rows: R[];
  rowCount?: number | null;
}

/** Anything with `query(text, values)`: a `pg.Pool`, a `pg.Client`, or a pool client. */
export interface PgQueryable {
  // biome-ignore lint/suspicious/noExplicitAny: mirrors pg's own signature so a real Pool is assignable
  query<R = any>(text: string, values?: unknown[]): Promise<PgResult<R>>;
}

/** A connection checked out of a pool (`pg.PoolClient`-like). */
export interface PgPoolClientLike extends PgQueryable {
  /** Returns the connection; an error argument destroys it instead. */
  release(error?: Error | boolean): void;
  /** pg emits `'error'` on a checked-out client whose connection dies: the store listens while it holds one. */
  on?(event: "error", listener: (error: Error) => void): unknown;
  removeListener?(event: "error", listener: (error: Error) => void): unknown;
}

/** A `pg.Pool`-like client (structural, so `pg` stays an optional peer). */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgPoolClientLike>;
  end(): Promise<void>;
  /** The store listens to `'error'` (an idle connection that died) so it is logged, not fatal. */
  on?(event: "error", listener: (error: Error) => void): unknown;
  removeListener?(event: "error", listener: (error: Error) => void): unknown;
}
