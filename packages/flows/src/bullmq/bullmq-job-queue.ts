import { type ConnectionOptions, DelayedError, type Job, Queue, Worker } from "bullmq";
import { z } from "zod";
import { backoffMs } from "../delivery/backoff.js";
import type { JobCounts, JobHandler, JobQueue } from "../delivery/types.js";
import { FlowsValidationError } from "../errors.js";
import { type Logger, silentLogger } from "../logger.js";
import { loggerSchema, parseOptions } from "../validate-options.js";

/** Options of {@link BullMqJobQueue}. */
export interface BullMqJobQueueOptions {
  /**
   * Where the queue lives: ioredis options (`{ host, port, password }`), or an ioredis `Redis` /
   * `Cluster` instance. BullMQ's own rules apply: workers need `maxRetriesPerRequest: null`, which
   * the queue sets when it builds the connections from options, and on a `Cluster` by duplicating
   * it for the worker (closed with the queue; the instance you pass stays yours to close).
   */
  connection: ConnectionOptions;
  /** Queue name. Default `toktok-flows`. */
  name?: string;
  /**
   * BullMQ key prefix. Default BullMQ's `bull`. **On Redis Cluster it must hold a hash tag**, e.g.
   * `{toktok}`: BullMQ's scripts touch several keys of a queue at once, and only a shared tag keeps
   * them in one slot (BullMQ's "Redis Cluster" guide). A `Cluster` connection without a tag in
   * `prefix` (or in `name`) is refused with `FlowsValidationError`.
   */
  prefix?: string;
  /** Users handled at once by this process. Default 32. */
  concurrency?: number;
  /** Tries of a failing run (a store down, a bug) before it is kept as a dead letter. Default 100. */
  maxAttempts?: number;
  /** First delay after a failed run, in ms. Default 500. */
  retryBaseMs?: number;
  /** Longest delay between two failed runs, in ms. Default 60 s. */
  retryMaxMs?: number;
  /** Dead letters are kept this long for inspection, in ms. Default 7 days. */
  keepFailedMs?: number;
  /**
   * How soon the job of a process that died mid-run is taken over by another, in ms: BullMQ's job
   * lock lifetime and its stalled-job check interval. Default BullMQ's 30 s. Shorter means faster
   * recovery and more Redis traffic (a lock renewal every half of it per running job).
   */
  takeOverAfterMs?: number;
  logger?: Logger;
}

// The options and their defaults, written once; the queue uses the parsed output. The connection and the
// logger are objects the caller keeps: checked by shape, handed back as they are.
const optionsSchema = z.object({
  connection: z.custom<ConnectionOptions>(
    (v) => typeof v === "object" && v !== null,
    "must be ioredis options or an ioredis Redis or Cluster",
  ),
  name: z.string().min(1).default("toktok-flows"),
  // BullMQ's own default, written here so the Cluster hash-tag check reads the prefix BullMQ will use.
  prefix: z.string().min(1).default("bull"),
  concurrency: z.number().int().positive().default(32),
  maxAttempts: z.number().int().positive().default(100),
  retryBaseMs: z.number().int().positive().default(500),
  retryMaxMs: z.number().int().positive().default(60_000),
  keepFailedMs: z
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3_600_000),
  takeOverAfterMs: z.number().int().positive().optional(),
  logger: loggerSchema.default(silentLogger),
});

type Settings = z.output<typeof optionsSchema>;

interface JobData {
  key: string;
}

const RETRY_TYPE = "toktok";

/**
 * A {@link JobQueue} on BullMQ: jobs live in Redis, survive restarts and are shared by every
 * process; a process that dies mid-job has its job picked up again (BullMQ's stalled-job check);
 * failed runs are retried with capped backoff and kept as dead letters after `maxAttempts`;
 * a run that must wait (a `Retry-After`) is moved to BullMQ's delayed set.
 * BullMQ is an optional peer: install it to use this subpath.
 * @example
 * import { BullMqJobQueue } from "@toktok/flows/bullmq";
 * const jobs = new BullMqJobQueue({ connection: { host: "127.0.0.1", port: 6379 } });
 * const engine = createFlowEngine({ messenger, flows, store, lock, mailbox, jobs });
 */
export class BullMqJobQueue implements JobQueue {
  readonly #queue: Queue<JobData>;
  readonly #options: Settings;
  readonly #logger: Logger;
  #worker: Worker<JobData> | undefined;
  #workerCluster: { quit(): Promise<unknown> } | undefined;

  constructor(options: BullMqJobQueueOptions) {
    const o = parseOptions(optionsSchema, options);
    if (isCluster(o.connection) && !hasHashTag(`${o.prefix}:${o.name}`)) {
      throw new FlowsValidationError(
        "prefix",
        "on Redis Cluster, the BullMQ prefix (or the queue name) must contain a hash tag such as {toktok}, so that each queue's keys share one slot",
      );
    }
    this.#options = o;
    this.#logger = o.logger;
    // The producer fails fast while Redis is away, so the webhook can answer 5xx and Meta redeliver.
    this.#queue = new Queue<JobData>(o.name, { connection: producerConnection(o.connection), prefix: o.prefix });
    this.#queue.on("error", (error: Error) => this.#logger.warn("bullmq: queue error", { error: error.message }));
  }

  async schedule(key: string, delayMs = 0): Promise<void> {
    await this.#queue.add(
      "drain",
      { key },
      {
        ...(delayMs > 0 ? { delay: Math.round(delayMs) } : {}),
        attempts: this.#options.maxAttempts,
        backoff: { type: RETRY_TYPE },
        removeOnComplete: true,
        removeOnFail: { age: Math.round(this.#options.keepFailedMs / 1000) },
      },
    );
  }

  process(handler: JobHandler): void {
    if (this.#worker) return;
    const base = this.#options.retryBaseMs;
    const max = this.#options.retryMaxMs;
    const connection = this.#options.connection;
    let workerConn = workerConnection(connection);
    if (isCluster(connection)) {
      // Workers must not give up on a command (BullMQ refuses maxRetriesPerRequest other than null):
      // a duplicate with that setting, so the caller's cluster keeps its own fail-fast options.
      const duplicate = connection.duplicate(undefined, {
        redisOptions: { ...connection.options.redisOptions, maxRetriesPerRequest: null },
      });
      duplicate.on("error", (error: Error) =>
        this.#logger.warn("bullmq: worker connection error", { error: error.message }),
      );
      this.#workerCluster = duplicate;
      workerConn = duplicate as unknown as ConnectionOptions;
    }
    this.#worker = new Worker<JobData>(
      this.#queue.name,
      async (job: Job<JobData>, token?: string) => {
        const outcome = await handler(job.data.key);
        if (outcome?.retryInMs !== undefined) {
          // Same job, later: it keeps its attempts and stays durable while it waits.
          await job.moveToDelayed(Date.now() + Math.max(1, Math.round(outcome.retryInMs)), token);
          throw new DelayedError();
        }
      },
      {
        connection: workerConn,
        concurrency: this.#options.concurrency,
        prefix: this.#options.prefix,
        ...(this.#options.takeOverAfterMs
          ? { lockDuration: this.#options.takeOverAfterMs, stalledInterval: this.#options.takeOverAfterMs }
          : {}),
        settings: { backoffStrategy: (attemptsMade: number) => backoffMs(attemptsMade - 1, base, max) },
      },
    );
    this.#worker.on("error", (error: Error) => this.#logger.warn("bullmq: worker error", { error: error.message }));
    this.#worker.on("failed", (job: Job<JobData> | undefined, error: Error) => {
      this.#logger.warn("bullmq: run failed", { attempts: job?.attemptsMade, error: error.message });
    });
  }

  async counts(): Promise<JobCounts> {
    const c = await this.#queue.getJobCounts("waiting", "prioritized", "delayed", "active", "failed");
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      delayed: c.delayed ?? 0,
      active: c.active ?? 0,
      failed: c.failed ?? 0,
    };
  }

  /** Polls the counts until nothing waits or runs (delayed jobs may remain). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const c = await this.counts();
      if (c.waiting === 0 && c.active === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20).unref());
    }
  }

  async close(): Promise<void> {
    await this.#worker?.close();
    await this.#queue.close();
    await this.#workerCluster?.quit().catch(() => undefined);
  }
}

/** The structural part of an ioredis `Cluster` the queue uses (ioredis stays an optional peer). */
interface ClusterLike {
  readonly isCluster: true;
  readonly options: { redisOptions?: Record<string, unknown> };
  duplicate(
    nodes?: undefined,
    options?: { redisOptions?: Record<string, unknown> },
  ): { quit(): Promise<unknown>; on(event: "error", listener: (error: Error) => void): unknown };
}

function isCluster(connection: ConnectionOptions): connection is ConnectionOptions & ClusterLike {
  return (connection as { isCluster?: unknown }).isCluster === true;
}

/** True when `key` has a non-empty `{hash tag}`: Redis Cluster then hashes only the tag. */
function hasHashTag(key: string): boolean {
  const open = key.indexOf("{");
  if (open === -1) return false;
  const close = key.indexOf("}", open + 1);
  return close > open + 1;
}

function isOptions(connection: ConnectionOptions): connection is Record<string, unknown> {
  // An ioredis instance has methods; options are a plain object.
  return typeof (connection as { duplicate?: unknown }).duplicate !== "function";
}

function producerConnection(connection: ConnectionOptions): ConnectionOptions {
  return isOptions(connection) ? { ...connection, enableOfflineQueue: false } : connection;
}

function workerConnection(connection: ConnectionOptions): ConnectionOptions {
  return isOptions(connection) ? { ...connection, maxRetriesPerRequest: null } : connection;
}
