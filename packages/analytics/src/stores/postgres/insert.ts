import { createHmac } from "node:crypto";
import type { EventMeta } from "../../tracking/events.js";
import type { EventSlice } from "./ingest-buffer.js";
import { type Lease, queryWithin } from "./lease.js";

/** Salted HMAC-SHA256 of a user id (base64url, 128 bits): stable, not reversible without the salt. */
export function hashUser(salt: string, user: string): string {
  return createHmac("sha256", salt).update(user).digest("base64url").slice(0, 22);
}

/**
 * One INSERT's worth of events, frozen: the same rows under the same
 * `(writer, seq)` however many times it is sent, which is what makes a retry safe.
 */
export interface SealedBatch {
  /** Events in the batch. */
  count: number;
  /** Position of the batch in its writer's sequence (1, 2, 3 …). */
  seq: number;
  /** The eight column arrays of the INSERT. */
  columns: unknown[];
}

/** Freezes the events of `slices` into a batch: user ids hashed, metadata serialised. */
export function sealBatch(slices: readonly EventSlice[], salt: string | undefined, seq: number): SealedBatch {
  const at: number[] = [];
  const kind: number[] = [];
  const user: Array<string | null> = [];
  const a: Array<string | null> = [];
  const b: Array<string | null> = [];
  const value: number[] = [];
  const meta: Array<string | null> = [];
  const company: Array<string | null> = [];
  const hash = (u: string | null) => (u === null || salt === undefined ? u : hashUser(salt, u));
  for (const { chunk: c, start, end } of slices) {
    for (let i = start; i < end; i++) {
      at.push(c.at[i] as number);
      kind.push(c.kind[i] as number);
      user.push(hash(c.user[i] ?? null));
      a.push(c.a[i] ?? null);
      b.push(c.b[i] ?? null);
      value.push(c.value[i] as number);
      company.push(c.company[i] ?? null);
      const m: EventMeta | null = c.meta[i] ?? null;
      meta.push(
        m === null
          ? null
          : JSON.stringify(salt !== undefined && typeof m.user === "string" ? { ...m, user: hash(m.user) } : m),
      );
    }
  }
  return { count: at.length, seq, columns: [at, kind, user, a, b, value, meta, company] };
}

/**
 * Inserts a batch exactly once: one statement that advances the writer's
 * `last_seq` in `ingest_writers` and inserts the events only if it did. A batch
 * whose commit reached PostgreSQL but whose reply was lost (connection cut, write
 * timeout) is therefore skipped when retried. Eight arrays unnested server-side
 * (one round trip, one parse), rows in the order they were tracked. Abandoned
 * after `timeoutMs` (the connection is destroyed), which the guard makes safe.
 * @returns the rows inserted: `batch.count`, or 0 when an earlier attempt had committed it.
 */
export async function insertBatch(
  lease: Lease,
  schema: string,
  writer: string,
  batch: SealedBatch,
  timeoutMs: number,
): Promise<number> {
  const res = await queryWithin(
    lease,

    `WITH w AS (
       INSERT INTO ${schema}.ingest_writers AS w (writer, last_seq) VALUES ($9::uuid, $10::int8)
       ON CONFLICT (writer) DO UPDATE SET last_seq = excluded.last_seq, updated_at = now()
       WHERE w.last_seq < excluded.last_seq
       RETURNING 1
     )
     INSERT INTO ${schema}.events (at, kind, user_id, a, b, value, meta, company_id)
     SELECT to_timestamp(t / 1000), k, u, x, y, v, m::jsonb, c
     FROM unnest($1::float8[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::text[])
       WITH ORDINALITY AS e(t, k, u, x, y, v, m, c, n)
     WHERE EXISTS (SELECT FROM w)
     ORDER BY n`,
    [...batch.columns, writer, batch.seq],
    timeoutMs,
  );
  return res.rowCount ?? 0;
}
