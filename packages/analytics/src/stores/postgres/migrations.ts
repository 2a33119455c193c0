import { alertRecordsMigration } from "./alerts-sql.js";
import { funnelPathsMigration } from "./funnel-paths-sql.js";
import { acquire } from "./lease.js";
import type { PgPoolLike } from "./pg-types.js";

/** One schema change; `sql` receives the quoted schema name. */
interface Migration {
  version: number;
  name: string;
  sql: (s: string) => string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "events",
    sql: (s) => `
      CREATE TABLE ${s}.events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        kind smallint NOT NULL,
        user_id text COLLATE "C",
        a text COLLATE "C",
        b text COLLATE "C",
        value double precision NOT NULL DEFAULT 0,
        meta jsonb
      );
      CREATE INDEX events_kind_at_idx ON ${s}.events (kind, at);
      CREATE INDEX events_user_at_idx ON ${s}.events (user_id, at);
      CREATE INDEX events_funnel_idx ON ${s}.events (a, user_id, at) INCLUDE (b) WHERE kind = 5;`,
  },
  {
    version: 2,
    name: "dispatch_days",
    sql: (s) => `
      CREATE TABLE ${s}.dispatch_days (
        day date PRIMARY KEY,
        total integer NOT NULL,
        on_time integer NOT NULL,
        late integer NOT NULL,
        cancelled integer NOT NULL,
        avg_delay_minutes double precision NOT NULL,
        extra jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 3,
    name: "daily_rollups",
    sql: (s) => `
      CREATE TABLE ${s}.daily_rollups (
        time_zone text NOT NULL,
        day date NOT NULL,
        sessions double precision NOT NULL,
        active_users double precision NOT NULL,
        messages double precision NOT NULL,
        conversions double precision NOT NULL,
        revenue_xaf double precision NOT NULL,
        errors double precision NOT NULL,
        response_count double precision NOT NULL,
        response_sum_ms double precision NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (time_zone, day)
      );`,
  },
  { version: 4, name: "funnel_paths", sql: funnelPathsMigration },
  {
    // One row per PostgresStore instance: the last batch it inserted, so a retried batch is never inserted twice.
    version: 5,
    name: "ingest_writers",
    sql: (s) => `
      CREATE TABLE ${s}.ingest_writers (
        writer uuid PRIMARY KEY,
        last_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    // Per-company figures: the company an event belongs to (NULL for none), indexed for the scoped reads,
    // and dispatch days recorded per company ('' = the whole operation) next to the operation's own.
    version: 6,
    name: "company_id",
    sql: (s) => `
      ALTER TABLE ${s}.events ADD COLUMN company_id text COLLATE "C";
      CREATE INDEX events_company_idx ON ${s}.events (company_id, kind, at) WHERE company_id IS NOT NULL;
      ALTER TABLE ${s}.dispatch_days ADD COLUMN company_id text COLLATE "C" NOT NULL DEFAULT '';
      ALTER TABLE ${s}.dispatch_days DROP CONSTRAINT dispatch_days_pkey;
      ALTER TABLE ${s}.dispatch_days ADD PRIMARY KEY (company_id, day);`,
  },
  { version: 7, name: "alert_records", sql: alertRecordsMigration },
];

/**
 * Applies missing migrations in one transaction under an advisory lock, so
 * several bot processes starting together migrate once. Idempotent.
 */
export async function migrate(
  pool: PgPoolLike,
  schema: string,
  quoted: string,
  connectTimeoutMs: number,
  /** Last version to apply (tests build an older schema with it to check upgrades). */
  upTo: number = Number.POSITIVE_INFINITY,
): Promise<number[]> {
  const lease = await acquire(pool, connectTimeoutMs);
  const client = lease.db;
  let failure: unknown;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`toktok_analytics:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.analytics_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await client.query<{ version: number }>(`SELECT version FROM ${quoted}.analytics_migrations`)).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version) || m.version > upTo) continue;
      await client.query(m.sql(quoted));
      await client.query(`INSERT INTO ${quoted}.analytics_migrations (version, name) VALUES ($1, $2)`, [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    // Writers (store instances) silent for 30 days are gone: their retries are long over.
    await client.query(`DELETE FROM ${quoted}.ingest_writers WHERE updated_at < now() - interval '30 days'`);
    await client.query("COMMIT");
    return applied;
  } catch (error) {
    failure = error;
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    lease.release(failure);
  }
}
