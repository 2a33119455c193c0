import { createHmac } from "node:crypto";
import type { EventChunk, EventMeta } from "../../tracking/events.js";
import type { PgQueryable } from "./pg-types.js";

/** Salted HMAC-SHA256 of a user id (base64url, 128 bits): stable, not reversible without the salt. */
export function hashUser(salt: string, user: string): string {
  return createHmac("sha256", salt).update(user).digest("base64url").slice(0, 22);
}

/**
 * Inserts chunks with one multi-row statement per `maxRows` events: seven
 * arrays unnested server-side, so a batch costs one round trip and one parse.
 */
export async function insertChunks(
  db: PgQueryable,
  schema: string,
  chunks: readonly EventChunk[],
  salt: string | undefined,
  maxRows: number,
): Promise<void> {
  let at: number[] = [];
  let kind: number[] = [];
  let user: Array<string | null> = [];
  let a: Array<string | null> = [];
  let b: Array<string | null> = [];
  let value: number[] = [];
  let meta: Array<string | null> = [];
  const send = async () => {
    if (at.length === 0) return;
    await db.query(
      `INSERT INTO ${schema}.events (at, kind, user_id, a, b, value, meta)
       SELECT to_timestamp(t / 1000), k, u, x, y, v, m::jsonb
       FROM unnest($1::float8[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[]) AS e(t, k, u, x, y, v, m)`,
      [at, kind, user, a, b, value, meta],
    );
    at = [];
    kind = [];
    user = [];
    a = [];
    b = [];
    value = [];
    meta = [];
  };
  const hash = (u: string | null) => (u === null || salt === undefined ? u : hashUser(salt, u));
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      at.push(c.at[i] as number);
      kind.push(c.kind[i] as number);
      user.push(hash(c.user[i] ?? null));
      a.push(c.a[i] ?? null);
      b.push(c.b[i] ?? null);
      value.push(c.value[i] as number);
      const m: EventMeta | null = c.meta[i] ?? null;
      meta.push(
        m === null
          ? null
          : JSON.stringify(salt !== undefined && typeof m.user === "string" ? { ...m, user: hash(m.user) } : m),
      );
      if (at.length >= maxRows) await send();
    }
  }
  await send();
}
