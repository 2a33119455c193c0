import { AnalyticsClosedError, AnalyticsError, AnalyticsStoreError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { silentLogger } from "../../logger.js";
import type { EventChunk } from "../../tracking/events.js";
import { checkName, checkPositive, invalid } from "../../tracking/validate.js";
import type {
  AnalyticsStore,
  DispatchRecord,
  ErrorCount,
  FunnelCounts,
  FunnelQuery,
  PeriodQuery,
  PeriodTotals,
  SummaryQuery,
  SummaryTotals,
  TimeRange,
  UserCounts,
  WeekdayDispatch,
} from "../store.js";
import { withConnection } from "./cancel.js";
import { pgGetDispatch, pgPutDispatch, pgWeekdayDispatch } from "./dispatch-sql.js";
import { pgFlows, pgFunnel, pgFunnelSteps } from "./funnel-sql.js";
import { insertChunks } from "./insert.js";
import { migrate } from "./migrations.js";
import type { PgPoolLike, PgQueryable } from "./pg-types.js";
import { pgActiveUsers, pgPeriodStats, pgRollupDays, pgTopErrors, pgUserCounts } from "./stats-sql.js";
import { pgSummary } from "./summary-sql.js";

/** Options of {@link PostgresStore}: give a `pool` (a `pg.Pool`) or a `connectionString`. */
export interface PostgresStoreOptions {
  /** A `pg.Pool` (or anything shaped like one); the store does not end a pool it was given. */
  pool?: PgPoolLike;
  /** Used to create a `pg.Pool` (the optional `pg` peer is imported then). */
  connectionString?: string;
  /** Schema holding the tables. Default `"toktok_analytics"`. */
  schema?: string;
  /** Store a salted HMAC of user ids instead of the ids themselves. */
  hashUserIds?: { salt: string };
  /** Events per INSERT statement and pending events that trigger a flush. Default 5000. */
  batchSize?: number;
  /** Pending events are written at least this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Pending events kept while PostgreSQL is unreachable before the oldest are dropped. Default 200000. */
  maxPending?: number;
  logger?: Logger;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Event log and aggregates in PostgreSQL, shared by every bot process: runs its
 * own migrations, batches inserts, computes funnels, rollups and insights in SQL.
 * @example
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL, hashUserIds: { salt: process.env.SALT! } });
 * const analytics = new Analytics({ store });
 */
export class PostgresStore implements AnalyticsStore {
  readonly schema: string;
  readonly #quoted: string;
  readonly #ownsPool: boolean;
  readonly #salt: string | undefined;
  readonly #batchSize: number;
  readonly #maxPending: number;
  readonly #logger: Logger;
  readonly #timer: ReturnType<typeof setInterval>;
  #pool: Promise<PgPoolLike>;
  #ready: Promise<void> | undefined;
  #queue: EventChunk[] = [];
  #queued = 0;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: PostgresStoreOptions) {
    if (typeof options !== "object" || options === null) throw invalid("options", "must be an object");
    this.schema = options.schema ?? "toktok_analytics";
    if (!SCHEMA_RE.test(this.schema)) throw invalid("schema", "must match [a-z_][a-z0-9_]* (at most 63 characters)");
    this.#quoted = `"${this.schema}"`;
    if (options.hashUserIds !== undefined) checkName(options.hashUserIds?.salt, "hashUserIds.salt", 1024);
    this.#salt = options.hashUserIds?.salt;
    this.#batchSize = checkPositive(options.batchSize ?? 5000, "batchSize");
    this.#maxPending = checkPositive(options.maxPending ?? 200_000, "maxPending");
    this.#logger = options.logger ?? silentLogger;
    if (options.pool !== undefined) {
      if (typeof options.pool.query !== "function") throw invalid("pool", "must be a pg.Pool-like object with query()");
      this.#ownsPool = false;
      this.#pool = Promise.resolve(options.pool);
    } else if (typeof options.connectionString === "string" && options.connectionString.length > 0) {
      this.#ownsPool = true;
      const connectionString = options.connectionString;
      this.#pool = import("pg").then((pg) => {
        const Pool = pg.default?.Pool ?? (pg as unknown as typeof pg.default).Pool;
        return new Pool({ connectionString }) as unknown as PgPoolLike;
      });
      this.#pool.catch(() => {});
    } else {
      throw invalid("pool", "give either pool or connectionString");
    }
    this.#timer = setInterval(
      () => {
        if (this.#queued > 0) this.#background();
      },
      checkPositive(options.flushIntervalMs ?? 1000, "flushIntervalMs"),
    );
    this.#timer.unref();
  }

  /** Creates the schema and applies missing migrations (also done lazily by the first query). */
  migrate(): Promise<void> {
    this.#ready ??= (async () => {
      const pool = await this.#pool;
      await migrate(pool, this.schema, this.#quoted);
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw new AnalyticsStoreError("migrate", error, true);
    });
    return this.#ready;
  }

  append(chunk: EventChunk): void {
    if (this.#closed) throw new AnalyticsClosedError("PostgresStore");
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    while (this.#queued > this.#maxPending && this.#queue.length > 1) {
      const dropped = this.#queue.shift() as EventChunk;
      this.#queued -= dropped.length;
      this.#logger.warn("analytics: PostgreSQL backlog full, dropping oldest events", { events: dropped.length });
    }
    if (this.#queued >= this.#batchSize) this.#background();
  }

  /** Writes every pending event; rejects with {@link AnalyticsStoreError} when PostgreSQL fails. */
  flush(): Promise<void> {
    const run = this.#writing.then(() => this.#write());
    this.#writing = run.catch(() => {});
    return run;
  }

  /** Flushes, stops the timer and ends the pool if the store created it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      clearInterval(this.#timer);
      if (this.#ownsPool) await (await this.#pool).end();
    }
  }

  #background(): void {
    this.flush().catch((error: unknown) => this.#logger.error("analytics: background flush failed", { error }));
  }

  async #write(): Promise<void> {
    if (this.#queue.length === 0) return;
    const chunks = this.#queue;
    const count = this.#queued;
    this.#queue = [];
    this.#queued = 0;
    try {
      await this.migrate();
      const pool = await this.#pool;
      await insertChunks(pool, this.#quoted, chunks, this.#salt, this.#batchSize);
    } catch (error) {
      // Put the batch back (ahead of newer events) so a later flush retries it.
      this.#queue = [...chunks, ...this.#queue];
      this.#queued += count;
      throw AnalyticsStoreError.isInstance(error) ? error : new AnalyticsStoreError("insert events", error, true);
    }
  }

  async #run<T>(
    operation: string,
    signal: AbortSignal | undefined,
    fn: (db: PgQueryable) => Promise<T>,
    pin = false,
  ): Promise<T> {
    if (this.#closed) throw new AnalyticsClosedError("PostgresStore");
    await this.migrate();
    try {
      return await withConnection(await this.#pool, operation, signal, pin, fn);
    } catch (error) {
      if (AnalyticsError.isInstance(error)) throw error;
      throw new AnalyticsStoreError(operation, error);
    }
  }

  summary(query: SummaryQuery): Promise<SummaryTotals> {
    return this.#run("read summary", query.signal, (db) => pgSummary(db, this.#quoted, query));
  }

  funnel(query: FunnelQuery): Promise<FunnelCounts> {
    return this.#run("compute funnel", query.signal, (db) => pgFunnel(db, this.#quoted, query), true);
  }

  funnelSteps(flow: string, range: TimeRange): Promise<string[]> {
    return this.#run("list funnel steps", range.signal, (db) => pgFunnelSteps(db, this.#quoted, flow, range));
  }

  flows(range: TimeRange): Promise<string[]> {
    return this.#run("list flows", range.signal, (db) => pgFlows(db, this.#quoted, range));
  }

  periodStats(query: PeriodQuery): Promise<PeriodTotals[]> {
    return this.#run("read period stats", query.signal, (db) => pgPeriodStats(db, this.#quoted, query));
  }

  topErrors(n: number, range: TimeRange): Promise<ErrorCount[]> {
    return this.#run("read top errors", range.signal, (db) => pgTopErrors(db, this.#quoted, n, range));
  }

  activeUsers(range: TimeRange): Promise<number> {
    return this.#run("count active users", range.signal, (db) => pgActiveUsers(db, this.#quoted, range));
  }

  userCounts(current: TimeRange, previous: TimeRange): Promise<UserCounts> {
    return this.#run("count users", current.signal, (db) => pgUserCounts(db, this.#quoted, current, previous));
  }

  putDispatch(record: DispatchRecord): Promise<void> {
    return this.#run("record dispatch", undefined, (db) => pgPutDispatch(db, this.#quoted, record));
  }

  getDispatch(fromDay: string, toDay: string): Promise<DispatchRecord[]> {
    return this.#run("read dispatch", undefined, (db) => pgGetDispatch(db, this.#quoted, fromDay, toDay));
  }

  weekdayDispatch(fromDay: string, toDay: string): Promise<WeekdayDispatch[]> {
    return this.#run("read weekday dispatch", undefined, (db) => pgWeekdayDispatch(db, this.#quoted, fromDay, toDay));
  }

  rollupDays(days: readonly string[], timeZone: string): Promise<void> {
    return this.#run("roll up days", undefined, (db) => pgRollupDays(db, this.#quoted, days, timeZone));
  }
}
