/** The part of a `pg` query result this package reads. */
export interface PgResult<R> {
  rows: R[];
}

/** Anything with `query(text, values)`: a `pg.Pool`, a `pg.Client`, or a pool client. */
export interface PgQueryable {
  // biome-ignore lint/suspicious/noExplicitAny: mirrors pg's own signature so a real Pool is assignable
  query<R = any>(text: string, values?: unknown[]): Promise<PgResult<R>>;
}

/** A `pg.Pool`-like client (structural, so `pg` stays an optional peer). */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
  end(): Promise<void>;
}
