import type { Logger } from "../../logger.js";
import { silentLogger } from "../../logger.js";
import { checkName, checkPositive, invalid } from "../../validate.js";
import type { RetryOptions } from "./connection-state.js";
import type { PgPoolLike } from "./pg-types.js";

/** Options of `PostgresStore`: give a `pool` (a `pg.Pool`) or a `connectionString`. */
export interface PostgresStoreOptions {
  /** A `pg.Pool` (or anything shaped like one); the store listens to its `'error'` event and does not end it. */
  pool?: PgPoolLike;
  /** Used to create a `pg.Pool` (the optional `pg` peer is imported then). */
  connectionString?: string;
  /** Schema holding the tables. Default `"toktok_analytics"`. */
  schema?: string;
  /** Store a salted HMAC of user ids instead of the ids themselves. */
  hashUserIds?: { salt: string };
  /** Events per INSERT statement and buffered events that trigger a flush. Default 5000. */
  batchSize?: number;
  /** Buffered events are written at least this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /**
   * Events kept while PostgreSQL is unreachable (or slower than the tracking). When
   * full, newly tracked events are dropped and counted (`health().dropped`,
   * `toktok_analytics_events_dropped_total`). Default 200 000 (about 20 MB; a
   * synchronous burst of tracking calls never yields to the writer, so it must fit).
   */
  maxBufferedEvents?: number;
  /** @deprecated Use `maxBufferedEvents`. */
  maxPending?: number;
  /** A connection not obtained within this fails with `AnalyticsStoreUnavailableError`. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * An INSERT of a batch not answered within this is abandoned (its connection
   * destroyed) and retried; batches are inserted exactly once. Default 30 000 ms.
   */
  writeTimeoutMs?: number;
  /** Backoff of the retries while PostgreSQL is down (default 500 ms doubling up to 30 s). */
  retry?: RetryOptions;
  /** Where outages, recoveries and dropped events are reported. Default: silent. */
  logger?: Logger;
}

/** Options with defaults applied (one place for all defaults). */
export interface ResolvedPostgresOptions {
  schema: string;
  salt: string | undefined;
  batchSize: number;
  flushIntervalMs: number;
  maxBufferedEvents: number;
  connectTimeoutMs: number;
  writeTimeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  logger: Logger;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

function checkInteger(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw invalid(field, "must be an integer >= 1");
  return value as number;
}

/** Validates the options other than the pool and applies defaults. */
export function resolvePostgresOptions(options: PostgresStoreOptions): ResolvedPostgresOptions {
  if (typeof options !== "object" || options === null) throw invalid("options", "must be an object");
  const schema = options.schema ?? "toktok_analytics";
  if (!SCHEMA_RE.test(schema)) throw invalid("schema", "must match [a-z_][a-z0-9_]* (at most 63 characters)");
  if (options.hashUserIds !== undefined) checkName(options.hashUserIds?.salt, "hashUserIds.salt", 1024);
  const legacy = options.maxBufferedEvents === undefined && options.maxPending !== undefined;
  return {
    schema,
    salt: options.hashUserIds?.salt,
    batchSize: checkInteger(options.batchSize ?? 5000, "batchSize"),
    flushIntervalMs: checkPositive(options.flushIntervalMs ?? 1000, "flushIntervalMs"),
    maxBufferedEvents: legacy
      ? checkInteger(options.maxPending, "maxPending")
      : checkInteger(options.maxBufferedEvents ?? 200_000, "maxBufferedEvents"),
    connectTimeoutMs: checkPositive(options.connectTimeoutMs ?? 5000, "connectTimeoutMs"),
    writeTimeoutMs: checkPositive(options.writeTimeoutMs ?? 30_000, "writeTimeoutMs"),
    baseDelayMs: checkPositive(options.retry?.baseDelayMs ?? 500, "retry.baseDelayMs"),
    maxDelayMs: checkPositive(options.retry?.maxDelayMs ?? 30_000, "retry.maxDelayMs"),
    logger: options.logger ?? silentLogger,
  };
}
