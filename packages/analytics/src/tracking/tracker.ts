import type { AnalyticsOptions, ResolvedOptions } from "../analytics-options.js";
import { resolveOptions } from "../analytics-options.js";
import { AnalyticsAbortedError, AnalyticsClosedError } from "../errors.js";
import { type Logger, silentLogger } from "../logger.js";
import { type PaymentInput, validatePayment } from "../payments/payments.js";
import { type RatingInput, validateRating } from "../satisfaction/satisfaction.js";
import { MemoryStore } from "../stores/memory/memory-store.js";
import type { AnalyticsStore } from "../stores/store.js";
import { HotClock } from "../time/clock.js";
import {
  checkCount,
  checkMeta,
  checkName,
  checkNonNegative,
  checkRole,
  checkUser,
  companyOf,
  invalid,
  type SessionRole,
} from "../validate.js";
import { ERROR_OUTSIDE_RATE, EventBuffer, type EventChunk, EventKind, type EventMeta } from "./events.js";
import { LiveMetrics } from "./live-metrics.js";

/** Options every `track*` call accepts last. */
export interface TrackOptions {
  /**
   * The company (merchant, `entreprise`) the event belongs to: summaries, funnels,
   * stats, quality, exports and reports can then be scoped to it with `{ companyId }`.
   * Events without one count in the totals only.
   */
  companyId?: string;
}

/** Options of `trackError`. */
export interface TrackErrorOptions extends TrackOptions {
  /**
   * Default `true`. `false` for a failure that is not the bot's — a forged webhook, a bad dashboard
   * token —: it stays in top errors (and a threshold rule's `errorName` counts it) but leaves
   * `errors.total` and the error rate alone, so a flood of forged requests raises its security alert,
   * not the error-rate one.
   */
  countsInErrorRate?: boolean;
}

/** Labels of a response time. */
export interface ResponseTimeLabels {
  /** What was timed, e.g. `"webhook"`, `"llm"`. Default `"message"`. */
  operation?: string;
}

/**
 * The tracking half of `Analytics`: validated `track*` calls that update this
 * process's pre-aggregated counters and a columnar event buffer, handed to the
 * store in batches. `Analytics` adds reading, output and reports on top.
 */
export class Tracker {
  /** The store events go to. */
  readonly store: AnalyticsStore;
  protected readonly options: ResolvedOptions;
  protected readonly clock: HotClock;
  protected readonly live: LiveMetrics;
  protected readonly logger: Logger;
  readonly #buffer: EventBuffer;
  readonly #timer: ReturnType<typeof setInterval>;
  #pending: Promise<unknown> = Promise.resolve();
  protected closed = false;

  constructor(options: AnalyticsOptions = {}) {
    this.options = resolveOptions(options);
    this.store = options.store ?? new MemoryStore();
    this.logger = options.logger ?? silentLogger;
    this.clock = new HotClock(options.now);
    this.live = new LiveMetrics(this.options.maxSeries);
    this.#buffer = new EventBuffer(this.options.bufferSize, (chunk) => this.#handOff(chunk));
    this.#timer = setInterval(() => this.drain(), this.options.flushIntervalMs);
    this.#timer.unref();
  }

  /** The IANA zone days are cut in. */
  get timeZone(): string {
    return this.options.timeZone;
  }

  /** Current time of the injected clock (exact). */
  now(): number {
    return this.clock.exact();
  }

  // ---------------------------------------------------------------- tracking

  /** A user opened a conversation as `client`, `livreur` or `entreprise`. */
  trackSessionStart(user: string, role: SessionRole, options?: TrackOptions): void {
    this.assertOpen();
    checkUser(user);
    checkRole(role);
    const company = companyOf(options);
    const at = this.clock.now();
    this.live.inc(this.live.sessionsStarted, role);
    this.live.open.set(user, { role, lastSeen: at });
    this.#buffer.push(EventKind.SessionStart, at, user, role, null, 0, null, company);
  }

  /** The user's session ended (menu exit, timeout handled by the bot, …). */
  trackSessionEnd(user: string, options?: TrackOptions): void {
    this.assertOpen();
    checkUser(user);
    const company = companyOf(options);
    const at = this.clock.now();
    const open = this.live.open.get(user);
    this.live.inc(this.live.sessionsEnded, open?.role ?? "unknown");
    this.live.open.delete(user);
    this.#buffer.push(EventKind.SessionEnd, at, user, null, null, 0, null, company);
  }

  /** A message of `type` (`text`, `image`, `button_reply`, …) from or to `user`. The hot path: no allocation. */
  trackMessage(user: string, type: string, options?: TrackOptions): void {
    if (this.closed) throw new AnalyticsClosedError("Analytics");
    if (typeof user !== "string" || user.length === 0 || user.length > 256) checkUser(user);
    if (typeof type !== "string" || type.length === 0 || type.length > 128) checkName(type, "type");
    const company = options === undefined ? null : companyOf(options);
    const at = this.clock.now();
    const cell = this.live.messages.get(type);
    if (cell !== undefined) cell.n++;
    else this.live.inc(this.live.messages, type);
    // Open sessions learn about this activity when the buffer is drained (see #handOff).
    this.#buffer.pushMessage(at, user, type, company);
  }

  /**
   * A conversion (`mission_created`, `mission_completed`, `order_created`, `order_completed`, …)
   * worth `value` XAF (an integer: the franc CFA has no minor unit).
   */
  trackConversion(user: string, type: string, value: number, metadata?: EventMeta, options?: TrackOptions): void {
    this.assertOpen();
    checkUser(user);
    checkName(type, "type");
    checkCount(value, "value");
    const meta = checkMeta(metadata, "metadata");
    const company = companyOf(options);
    const at = this.clock.now();
    this.live.inc(this.live.conversions, type);
    this.live.inc(this.live.revenue, type, value);
    this.#buffer.push(EventKind.Conversion, at, user, type, null, value, meta, company);
  }

  /** `user` reached `step` of `flow` (e.g. `courier` / `destination`). */
  trackFunnelStep(user: string, flow: string, step: string, options?: TrackOptions): void {
    this.assertOpen();
    checkUser(user);
    checkName(flow, "flow");
    checkName(step, "step");
    const company = companyOf(options);
    const at = this.clock.now();
    this.live.incFunnel(flow, step);
    this.#buffer.push(EventKind.FunnelStep, at, user, flow, step, 0, null, company);
  }

  /**
   * `user` (the customer) rated a delivered mission 1–5; the latest rating of a mission replaces the
   * earlier ones in `getSatisfaction`. The comment is kept with the event, never in live metrics.
   */
  trackRating(user: string, rating: RatingInput, options?: TrackOptions): void {
    this.assertOpen();
    checkUser(user);
    const r = validateRating(rating);
    const company = companyOf(options);
    const meta: EventMeta = {};
    if (r.driverName !== undefined) meta.driverName = r.driverName;
    if (r.comment) meta.comment = r.comment.slice(0, 1000);
    const at = this.clock.now();
    this.#buffer.push(EventKind.Rating, at, user, r.driverId ?? null, r.missionId, r.rating, meta, company);
  }

  /**
   * A step of `user`'s payment: requested, then succeeded or failed; `getPayments` reads each payment
   * once with its latest status. Payments are never conversions, revenue or errors.
   */
  trackPayment(user: string, payment: PaymentInput, options?: TrackOptions): void {
    this.assertOpen();
    checkUser(user);
    const p = validatePayment(payment);
    const company = companyOf(options);
    const meta: EventMeta = { status: p.status };
    if (p.status === "failed") meta.reason = p.reason ?? "unknown";
    const at = this.clock.now();
    this.#buffer.push(EventKind.Payment, at, user, p.method, p.paymentId, p.amountXaf, meta, company);
  }

  /** The bot took `ms` milliseconds to answer. */
  trackResponseTime(ms: number, labels?: ResponseTimeLabels, options?: TrackOptions): void {
    this.assertOpen();
    checkNonNegative(ms, "ms");
    const company = companyOf(options);
    const operation = labels?.operation === undefined ? "message" : checkName(labels.operation, "labels.operation");
    const at = this.clock.now();
    this.live.observe(operation, ms / 1000);
    this.#buffer.push(EventKind.ResponseTime, at, null, operation, null, ms, null, company);
  }

  /**
   * Something failed; grouped by error name and message. `context.user` links it to a user;
   * `options.countsInErrorRate: false` keeps it out of the error rate (security events).
   */
  trackError(error: unknown, context?: EventMeta, options?: TrackErrorOptions): void {
    this.assertOpen();
    const meta = checkMeta(context, "context");
    const company = companyOf(options);
    const counts = options?.countsInErrorRate;
    if (counts !== undefined && typeof counts !== "boolean")
      throw invalid("options.countsInErrorRate", "must be a boolean");
    const outside = counts === false ? ERROR_OUTSIDE_RATE : 0;
    const name = error instanceof Error ? error.name || "Error" : "Error";
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const user = typeof meta?.user === "string" && meta.user.length > 0 ? meta.user.slice(0, 256) : null;
    const at = this.clock.now();
    this.live.inc(this.live.errors, name.slice(0, 128));
    this.#buffer.push(EventKind.Error, at, user, name.slice(0, 128), message, outside, meta, company);
  }

  // --------------------------------------------------------------- lifecycle

  /** Hands buffered events to the store and waits until the store has written them (`signal` stops the wait). */
  async sync(signal?: AbortSignal): Promise<void> {
    AnalyticsAbortedError.throwIfAborted(signal, "sync");
    this.drain();
    const done = Promise.all([this.#pending]).then(() => this.store.flush());
    if (signal === undefined) return done;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new AnalyticsAbortedError("sync", signal.reason));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([done, aborted]);
    } finally {
      if (onAbort) signal.removeEventListener("abort", onAbort);
      done.catch(() => {});
    }
  }

  /** Flushes, stops the timers and closes the store (also when the flush fails, then rethrown). Tracking afterwards throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.sync();
    } finally {
      // Even when the last flush fails (store down), stop the timers and close the store:
      // it reports and counts the events it could not write, and the error still reaches the caller.
      this.closed = true;
      clearInterval(this.#timer);
      this.clock.stop();
      await this.store.close();
    }
  }

  /** Throws {@link AnalyticsClosedError} after `close()`. */
  protected assertOpen(): void {
    if (this.closed) throw new AnalyticsClosedError("Analytics");
  }

  /** Hands the buffered events (if any) to the store without waiting. */
  protected drain(): void {
    const chunk = this.#buffer.drain();
    if (chunk !== null) this.#handOff(chunk);
  }

  #handOff(chunk: EventChunk): void {
    this.live.touchAll(chunk);
    let result: void | Promise<void>;
    try {
      result = this.store.append(chunk);
    } catch (error) {
      this.logger.error("analytics: store rejected events", { error, events: chunk.length });
      return;
    }
    if (result instanceof Promise) {
      const p = result.catch((error: unknown) => {
        this.logger.error("analytics: store failed to take events", { error, events: chunk.length });
      });
      this.#pending = Promise.all([this.#pending, p]);
    }
  }
}
