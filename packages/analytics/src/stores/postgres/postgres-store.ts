import { randomUUID } from "node:crypto";
import type { AlertStateSource, AlertStateStore } from "../../alerts/state.js";
import { AnalyticsAbortError, AnalyticsClosedError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { EventChunk } from "../../tracking/events.js";
import { invalid } from "../../validate.js";
import type {
  AnalyticsStore,
  DispatchRecord,
  ErrorCount,
  FunnelCounts,
  FunnelQuery,
  PaymentTotals,
  PeriodQuery,
  PeriodTotals,
  RatingTotals,
  StoreHealth,
  SummaryQuery,
  SummaryTotals,
  TimeRange,
  UserCounts,
  WeekdayDispatch,
} from "../store.js";
import { pgAlertStates } from "./alerts-sql.js";
import { withConnection } from "./cancel.js";
import { ConnectionState } from "./connection-state.js";
import { pgGetDispatch, pgPutDispatch, pgWeekdayDispatch } from "./dispatch-sql.js";
import { pgFlows, pgFunnel, pgFunnelSteps } from "./funnel-sql.js";
import { IngestBuffer } from "./ingest-buffer.js";
import { insertBatch, type SealedBatch, sealBatch } from "./insert.js";
import { queryWithin, withLease } from "./lease.js";
import { migrate } from "./migrations.js";
import { pgPaymentTotals } from "./payments-sql.js";
import { classifyPgError, describeError, isMissingSchema, storeError } from "./pg-errors.js";
import type { PgPoolLike, PgQueryable } from "./pg-types.js";
import { type PostgresStoreOptions, resolvePostgresOptions } from "./postgres-options.js";
import { pgRatingTotals } from "./ratings-sql.js";
import { pgActiveUsers, pgPeriodStats, pgRollupDays, pgTopErrors, pgUserCounts } from "./stats-sql.js";
import { pgSummary } from "./summary-sql.js";

/**
 * Event log and aggregates in PostgreSQL, shared by every bot process: runs its
 * own migrations, batches inserts, computes funnels, rollups and insights in SQL.
 * While PostgreSQL is away, tracked events wait in a bounded buffer and are
 * written in order, exactly once, when it is back; reads reject with a retryable
 * {@link AnalyticsStoreUnavailableError}; {@link PostgresStore.health} says so.
 * @example
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL, hashUserIds: { salt: process.env.SALT! } });
 * const analytics = new Analytics({ store });
 */
export class PostgresStore implements AnalyticsStore, AlertStateSource {
  readonly schema: string;
  readonly #quoted: string;
  readonly #ownsPool: boolean;
  readonly #salt: string | undefined;
  readonly #batchSize: number;
  readonly #connectTimeoutMs: number;
  readonly #writeTimeoutMs: number;
  readonly #logger: Logger;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #buffer: IngestBuffer;
  readonly #state: ConnectionState;
  /** This instance's id in `ingest_writers`; its batches are numbered 1, 2, 3 … */
  readonly #writer = randomUUID();
  #seq = 0;
  /** The oldest events, frozen into the batch being written (and retried as is). */
  #sealed: SealedBatch | undefined;
  #pool: Promise<PgPoolLike>;
  #ready: Promise<void> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #kickQueued = false;
  #flushFailures = 0;
  #overflowing = false;
  #probing = false;
  #closed = false;

  constructor(options: PostgresStoreOptions) {
    const o = resolvePostgresOptions(options);
    this.schema = o.schema;
    this.#quoted = `"${o.schema}"`;
    this.#salt = o.salt;
    this.#batchSize = o.batchSize;
    this.#buffer = new IngestBuffer(o.maxBufferedEvents);
    this.#connectTimeoutMs = o.connectTimeoutMs;
    this.#writeTimeoutMs = o.writeTimeoutMs;
    this.#logger = o.logger;
    this.#state = new ConnectionState({
      logger: o.logger,
      baseDelayMs: o.baseDelayMs,
      maxDelayMs: o.maxDelayMs,
      retry: () => this.#retry(),
      figures: () => ({ buffered: this.#buffer.size, dropped: this.#buffer.dropped }),
    });
    if (options.pool !== undefined) {
      if (typeof options.pool.query !== "function") throw invalid("pool", "must be a pg.Pool-like object with query()");
      this.#ownsPool = false;
      options.pool.on?.("error", this.#onPoolError);
      this.#pool = Promise.resolve(options.pool);
    } else if (typeof options.connectionString === "string" && options.connectionString.length > 0) {
      this.#ownsPool = true;
      const connectionString = options.connectionString;
      this.#pool = import("pg").then((pg) => {
        const Pool = pg.default?.Pool ?? (pg as unknown as typeof pg.default).Pool;
        // keepAlive: a peer that vanished without a FIN is noticed on idle connections too.
        const pool = new Pool({ connectionString, connectionTimeoutMillis: o.connectTimeoutMs, keepAlive: true });
        pool.on("error", this.#onPoolError);
        return pool as unknown as PgPoolLike;
      });
      this.#pool.catch(() => {});
    } else {
      throw invalid("pool", "give either pool or connectionString");
    }
    this.#timer = setInterval(() => {
      if (this.#buffer.size > 0) this.#kick();
    }, o.flushIntervalMs);
    this.#timer.unref();
  }

  /** Creates the schema and applies missing migrations (also done lazily by the first query). */
  migrate(): Promise<void> {
    this.#ready ??= (async () => {
      const pool = await this.#pool;
      await migrate(pool, this.schema, this.#quoted, this.#connectTimeoutMs);
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw storeError("migrate", error, true);
    });
    return this.#ready;
  }

  /** Buffers events (never blocks, never throws for PostgreSQL being away); full batches are written in the background. */
  append(chunk: EventChunk): void {
    if (this.#closed) throw new AnalyticsClosedError("PostgresStore");
    const lost = this.#buffer.push(chunk);
    if (lost > 0 && !this.#overflowing) {
      this.#overflowing = true;
      this.#logger.warn("analytics: event buffer full; dropping new events until PostgreSQL catches up", {
        capacity: this.#buffer.capacity,
        dropped: this.#buffer.dropped,
      });
    }
    if (this.#buffer.size >= this.#batchSize) this.#kick();
  }

  /**
   * Writes every buffered event, in order. Rejects with {@link AnalyticsStoreUnavailableError}
   * when PostgreSQL cannot be reached: the events stay buffered and are retried in the background.
   */
  flush(): Promise<void> {
    const run = this.#writing.then(() => this.#writeAll());
    this.#writing = run.catch(() => {});
    return run;
  }

  /**
   * Reachability and buffer figures, synchronously (for `/healthz`, `/readyz`).
   * @example
   * app.get("/readyz", (c) => c.json(store.health(), store.health().status === "ok" ? 200 : 503));
   */
  health(): StoreHealth {
    return {
      status: this.#state.status,
      buffered: this.#buffer.size,
      dropped: this.#buffer.dropped,
      flushFailures: this.#flushFailures,
      ...this.#state.details(),
    };
  }

  /**
   * Flushes, stops the timers and ends the pool if the store created it. When the
   * last flush fails, the events still buffered are counted as dropped, logged,
   * and the flush error is thrown after closing.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } catch (error) {
      const lost = this.#buffer.size;
      this.#buffer.discard(lost);
      this.#sealed = undefined;
      this.#logger.error("analytics: closed with events PostgreSQL never received", {
        events: lost,
        error: describeError(error),
      });
      throw error;
    } finally {
      this.#closed = true;
      clearInterval(this.#timer);
      this.#state.stop();
      const pool = await this.#pool.catch(() => undefined);
      if (this.#ownsPool) await pool?.end();
      else pool?.removeListener?.("error", this.#onPoolError);
    }
  }

  /** A background write, unless one is already queued or PostgreSQL is down (the retry timer owns that). */
  #kick(): void {
    if (this.#kickQueued || this.#state.isDown || this.#closed) return;
    this.#kickQueued = true;
    const run = this.#writing.then(() => {
      this.#kickQueued = false;
      return this.#writeAll();
    });
    this.#writing = run.catch(() => {});
  }

  /** One retry while down: a flush, or a probe when nothing waits. Failures re-arm the timer (`markDown`). */
  #retry(): void {
    if (this.#closed) return;
    if (this.#buffer.size > 0) this.flush().catch(() => {});
    else this.#probe().catch(() => {});
  }

  async #probe(): Promise<void> {
    if (this.#probing) return;
    this.#probing = true;
    try {
      await withLease(await this.#pool, this.#connectTimeoutMs, (lease) =>
        queryWithin(lease, "SELECT 1", undefined, this.#writeTimeoutMs),
      );
      this.#up();
    } catch (error) {
      this.#state.markDown("probe", error);
    } finally {
      this.#probing = false;
    }
  }

  /**
   * pg emits `'error'` on the pool when an idle connection dies (server restart,
   * failover, killed session); the pool has dropped it and opens a new one on the
   * next query. Logged, then one probe tells an outage from a lone lost connection.
   */
  readonly #onPoolError = (error: Error): void => {
    if (this.#closed) return;
    const quiet = this.#state.isDown || this.#probing;
    this.#logger[quiet ? "debug" : "warn"]("analytics: an idle PostgreSQL connection was closed", {
      error: describeError(error),
    });
    if (!quiet) this.#probe().catch(() => {});
  };

  #up(): void {
    const wasDown = this.#state.isDown;
    this.#state.markUp();
    if (wasDown && this.#buffer.size > 0) this.#kick();
  }

  /** Writes the events buffered when it starts, batch after batch, in order. */
  async #writeAll(): Promise<void> {
    let left = this.#buffer.size;
    while (left > 0) {
      this.#sealed ??= sealBatch(this.#buffer.peek(this.#batchSize), this.#salt, ++this.#seq);
      const batch = this.#sealed;
      let migrated = false;
      try {
        await this.migrate();
        migrated = true;
        const inserted = await withLease(await this.#pool, this.#connectTimeoutMs, (lease) =>
          insertBatch(lease, this.#quoted, this.#writer, batch, this.#writeTimeoutMs),
        );
        if (inserted === 0) {
          this.#logger.debug("analytics: a retried batch had already been written; not inserted again", {
            events: batch.count,
          });
        }
      } catch (error) {
        if (migrated && classifyPgError(error) === "rejected") {
          // The same rows would be refused forever (e.g. a NUL character in a text): drop this batch only.
          this.#sealed = undefined;
          this.#buffer.discard(batch.count);
          left -= batch.count;
          this.#logger.error("analytics: PostgreSQL refused a batch of events; it is dropped", {
            events: batch.count,
            error: describeError(error),
          });
          continue;
        }
        if (isMissingSchema(error)) this.#ready = undefined;
        this.#flushFailures++;
        this.#state.markDown("insert events", error);
        throw storeError("insert events", error, true);
      }
      this.#sealed = undefined;
      this.#buffer.shift(batch.count);
      left -= batch.count;
      if (this.#buffer.size < this.#buffer.capacity) this.#overflowing = false;
      this.#up();
    }
  }

  async #run<T>(operation: string, signal: AbortSignal | undefined, fn: (db: PgQueryable) => Promise<T>): Promise<T> {
    if (this.#closed) throw new AnalyticsClosedError("PostgresStore");
    try {
      await this.migrate();
      const result = await withConnection(await this.#pool, operation, signal, this.#connectTimeoutMs, fn);
      this.#up();
      return result;
    } catch (error) {
      if (AnalyticsAbortError.isInstance(error) || AnalyticsClosedError.isInstance(error)) throw error;
      if (classifyPgError(error) === "unavailable") this.#state.markDown(operation, error);
      throw storeError(operation, error);
    }
  }

  summary(query: SummaryQuery): Promise<SummaryTotals> {
    return this.#run("read summary", query.signal, (db) => pgSummary(db, this.#quoted, query));
  }

  funnel(query: FunnelQuery): Promise<FunnelCounts> {
    return this.#run("compute funnel", query.signal, (db) => pgFunnel(db, this.#quoted, query));
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

  ratingTotals(range: TimeRange): Promise<RatingTotals[]> {
    return this.#run("read ratings", range.signal, (db) => pgRatingTotals(db, this.#quoted, range));
  }

  paymentTotals(range: TimeRange): Promise<PaymentTotals[]> {
    return this.#run("read payments", range.signal, (db) => pgPaymentTotals(db, this.#quoted, range));
  }

  putDispatch(record: DispatchRecord): Promise<void> {
    return this.#run("record dispatch", undefined, (db) => pgPutDispatch(db, this.#quoted, record));
  }

  getDispatch(fromDay: string, toDay: string, companyId?: string): Promise<DispatchRecord[]> {
    return this.#run("read dispatch", undefined, (db) => pgGetDispatch(db, this.#quoted, fromDay, toDay, companyId));
  }

  weekdayDispatch(fromDay: string, toDay: string, companyId?: string): Promise<WeekdayDispatch[]> {
    return this.#run("read weekday dispatch", undefined, (db) =>
      pgWeekdayDispatch(db, this.#quoted, fromDay, toDay, companyId),
    );
  }

  /** Alert records in this schema (table `alert_records`): what `Analytics` uses for alert state by default. */
  alertStates(): AlertStateStore {
    return pgAlertStates((operation, fn) => this.#run(operation, undefined, fn), this.#quoted);
  }

  rollupDays(days: readonly string[], timeZone: string): Promise<void> {
    return this.#run("roll up days", undefined, (db) => pgRollupDays(db, this.#quoted, days, timeZone));
  }
}
