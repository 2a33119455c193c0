import type { Registry } from "@prometheus-io/client";
import { evaluateAlerts } from "./alerts/evaluate.js";
import { type Alert, type AlertRule, validateRule } from "./alerts/rules.js";
import { type AnalyticsOptions, type ResolvedOptions, resolveOptions } from "./analytics-options.js";
import {
  type DispatchInput,
  type QualityBreakdown,
  scoreDispatch,
  validateDispatch,
} from "./dispatch/quality-score.js";
import { AnalyticsClosedError } from "./errors.js";
import { type CsvOptions, exportCSV } from "./export/csv.js";
import { renderDashboard } from "./export/dashboard.js";
import { type AnalyticsExport, exportJSON } from "./export/json.js";
import { buildFunnel, type FunnelReport } from "./funnels/funnel-report.js";
import { computeInsights, type InsightOptions } from "./insights/insights.js";
import type { Insight } from "./insights/types.js";
import { type Logger, silentLogger } from "./logger.js";
import { createRegistry } from "./prometheus/registry.js";
import { type RenderedReport, type ReportRequest, renderReport } from "./reports/render.js";
import { type ReportSchedule, type ScheduleOptions, scheduleReports } from "./reports/schedule.js";
import { MemoryStore } from "./stores/memory/memory-store.js";
import { periodStart } from "./stores/memory/stats.js";
import type { AnalyticsStore, DispatchRecord, ErrorCount, PeriodUnit } from "./stores/store.js";
import { type BusinessRates, businessRates, type RatesRequest } from "./summary/business-rates.js";
import { buildPeriodStats, type PeriodStats } from "./summary/period-stats.js";
import { type AnalyticsSummary, buildSummary } from "./summary/summary.js";
import { HotClock } from "./time/clock.js";
import { type DayRange, type InstantRange, resolveDays, resolveInstants, toDay } from "./time/range.js";
import { dayKey, dayStartUtc, nextMonthStart, weekStart } from "./time/zone.js";
import { EventBuffer, type EventChunk, EventKind, type EventMeta } from "./tracking/events.js";
import { LiveMetrics } from "./tracking/live-metrics.js";
import {
  checkCount,
  checkMeta,
  checkName,
  checkNonNegative,
  checkPositive,
  checkRole,
  checkUser,
  invalid,
  type SessionRole,
} from "./tracking/validate.js";

/** Options of {@link Analytics.getFunnel}. */
export interface FunnelOptions extends InstantRange {
  /** Ordered steps; default: the flow's steps by distinct users, most first. */
  steps?: readonly string[];
  /** Conversion window from entry. Default 24 hours. */
  window?: number;
}

/** Labels of a response time. */
export interface ResponseTimeLabels {
  /** What was timed, e.g. `"webhook"`, `"llm"`. Default `"message"`. */
  operation?: string;
}

/**
 * Bot analytics: sessions, messages, conversions in XAF, funnels, dispatch quality,
 * insights, alerts, Prometheus exposition and reports.
 * @example
 * const analytics = new Analytics();
 * analytics.trackSessionStart("242061234567", "client");
 * analytics.trackMessage("242061234567", "text");
 * analytics.trackConversion("242061234567", "mission_completed", 2500);
 * const summary = await analytics.getSummary();
 * summary.revenueXaf; // 2500
 */
export class Analytics {
  /** Prometheus registry (`@prometheus-io/client`) reading this instance's counters at scrape time. */
  readonly registry: Registry;
  /** The store events go to. */
  readonly store: AnalyticsStore;
  readonly #options: ResolvedOptions;
  readonly #clock: HotClock;
  readonly #live: LiveMetrics;
  readonly #buffer: EventBuffer;
  readonly #logger: Logger;
  readonly #rules: AlertRule[] = [];
  readonly #timer: ReturnType<typeof setInterval>;
  #pending: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: AnalyticsOptions = {}) {
    this.#options = resolveOptions(options);
    this.store = options.store ?? new MemoryStore();
    this.#logger = options.logger ?? silentLogger;
    this.#clock = new HotClock(options.now);
    this.#live = new LiveMetrics(this.#options.maxSeries);
    this.#buffer = new EventBuffer(this.#options.bufferSize, (chunk) => this.#handOff(chunk));
    for (const [i, rule] of (options.alerts ?? []).entries()) this.addAlertRule(rule, `alerts[${i}]`);
    this.registry = createRegistry(this.#live, {
      now: () => this.#clock.exact(),
      sessionTimeoutMs: this.#options.sessionTimeoutMs,
      beforeScrape: () => this.#drain(),
    });
    this.#timer = setInterval(() => this.#drain(), this.#options.flushIntervalMs);
    this.#timer.unref();
  }

  /** The IANA zone days are cut in. */
  get timeZone(): string {
    return this.#options.timeZone;
  }

  /** Current time of the injected clock (exact). */
  now(): number {
    return this.#clock.exact();
  }

  // ---------------------------------------------------------------- tracking

  /** A user opened a conversation as `client`, `livreur` or `entreprise`. */
  trackSessionStart(user: string, role: SessionRole): void {
    this.#open();
    checkUser(user);
    checkRole(role);
    const at = this.#clock.now();
    this.#live.inc(this.#live.sessionsStarted, role);
    this.#live.open.set(user, { role, lastSeen: at });
    this.#buffer.push(EventKind.SessionStart, at, user, role, null, 0, null);
  }

  /** The user's session ended (menu exit, timeout handled by the bot, …). */
  trackSessionEnd(user: string): void {
    this.#open();
    checkUser(user);
    const at = this.#clock.now();
    const open = this.#live.open.get(user);
    this.#live.inc(this.#live.sessionsEnded, open?.role ?? "unknown");
    this.#live.open.delete(user);
    this.#buffer.push(EventKind.SessionEnd, at, user, null, null, 0, null);
  }

  /** A message of `type` (`text`, `image`, `button_reply`, …) from or to `user`. The hot path: no allocation. */
  trackMessage(user: string, type: string): void {
    if (this.#closed) throw new AnalyticsClosedError("Analytics");
    if (typeof user !== "string" || user.length === 0 || user.length > 256) checkUser(user);
    if (typeof type !== "string" || type.length === 0 || type.length > 128) checkName(type, "type");
    const at = this.#clock.now();
    const cell = this.#live.messages.get(type);
    if (cell !== undefined) cell.n++;
    else this.#live.inc(this.#live.messages, type);
    // Open sessions learn about this activity when the buffer is drained (see #handOff).
    this.#buffer.pushMessage(at, user, type);
  }

  /**
   * A conversion (`mission_created`, `mission_completed`, `order_created`, `order_completed`, …)
   * worth `value` XAF (an integer: the franc CFA has no minor unit).
   */
  trackConversion(user: string, type: string, value: number, metadata?: EventMeta): void {
    this.#open();
    checkUser(user);
    checkName(type, "type");
    checkCount(value, "value");
    const meta = checkMeta(metadata, "metadata");
    const at = this.#clock.now();
    this.#live.inc(this.#live.conversions, type);
    this.#live.inc(this.#live.revenue, type, value);
    this.#buffer.push(EventKind.Conversion, at, user, type, null, value, meta);
  }

  /** `user` reached `step` of `flow` (e.g. `courier` / `destination`). */
  trackFunnelStep(user: string, flow: string, step: string): void {
    this.#open();
    checkUser(user);
    checkName(flow, "flow");
    checkName(step, "step");
    const at = this.#clock.now();
    this.#live.incFunnel(flow, step);
    this.#buffer.push(EventKind.FunnelStep, at, user, flow, step, 0, null);
  }

  /** The bot took `ms` milliseconds to answer. */
  trackResponseTime(ms: number, labels?: ResponseTimeLabels): void {
    this.#open();
    checkNonNegative(ms, "ms");
    const operation = labels?.operation === undefined ? "message" : checkName(labels.operation, "labels.operation");
    const at = this.#clock.now();
    this.#live.observe(operation, ms / 1000);
    this.#buffer.push(EventKind.ResponseTime, at, null, operation, null, ms, null);
  }

  /** Something failed; grouped by error name and message. `context.user` links it to a user. */
  trackError(error: unknown, context?: EventMeta): void {
    this.#open();
    const meta = checkMeta(context, "context");
    const name = error instanceof Error ? error.name || "Error" : "Error";
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const user = typeof meta?.user === "string" && meta.user.length > 0 ? meta.user.slice(0, 256) : null;
    const at = this.#clock.now();
    this.#live.inc(this.#live.errors, name.slice(0, 128));
    this.#buffer.push(EventKind.Error, at, user, name.slice(0, 128), message, 0, meta);
  }

  /** Stores the figures of one day of deliveries (replaces that day's previous record). */
  async recordDispatch(input: DispatchInput): Promise<void> {
    this.#open();
    await this.store.putDispatch(validateDispatch(input));
  }

  // ----------------------------------------------------------------- reading

  /** Totals and rates over a range (default: everything until now). */
  async getSummary(range?: InstantRange): Promise<AnalyticsSummary> {
    const { from, to } = resolveInstants(range, this.now(), this.timeZone);
    await this.sync();
    const totals = await this.store.summary({
      from,
      to,
      now: this.now(),
      sessionTimeoutMs: this.#options.sessionTimeoutMs,
    });
    return buildSummary(totals, from, to);
  }

  /** Ordered funnel of a flow: users, conversion and drop-off per step. */
  async getFunnel(flow: string, options: FunnelOptions = {}): Promise<FunnelReport> {
    checkName(flow, "flow");
    const windowMs = checkPositive(options.window ?? 86_400_000, "window");
    const { from, to } = resolveInstants(options, this.now(), this.timeZone);
    await this.sync();
    const steps =
      options.steps === undefined ? await this.store.funnelSteps(flow, { from, to }) : checkSteps(options.steps);
    if (steps.length === 0) return buildFunnel(flow, [], [], windowMs);
    const counts = await this.store.funnel({
      flow,
      steps,
      windowMs,
      from,
      to,
      byWeekday: false,
      timeZone: this.timeZone,
    });
    return buildFunnel(flow, steps, counts.groups[0]?.counts ?? [], windowMs);
  }

  /** The `n` most frequent errors (name + message). */
  async getTopErrors(n = 10, range?: InstantRange): Promise<ErrorCount[]> {
    if (!Number.isSafeInteger(n) || n < 1 || n > 1000) throw invalid("n", "must be an integer between 1 and 1000");
    const r = resolveInstants(range, this.now(), this.timeZone);
    await this.sync();
    return this.store.topErrors(n, r);
  }

  /** Distinct users with any event in the last `windowMs`. */
  async getActiveUsers(windowMs: number): Promise<number> {
    checkPositive(windowMs, "windowMs");
    const now = this.now();
    await this.sync();
    return this.store.activeUsers({ from: now - windowMs, to: now + 1 });
  }

  /** One row per local day of the inclusive range. */
  getDailyStats(range: DayRange): Promise<PeriodStats[]> {
    return this.#periodStats(range, "day");
  }

  /** One row per ISO week (Monday first) overlapping the range. */
  getWeeklyStats(range: DayRange): Promise<PeriodStats[]> {
    return this.#periodStats(range, "week");
  }

  /** One row per calendar month overlapping the range. */
  getMonthlyStats(range: DayRange): Promise<PeriodStats[]> {
    return this.#periodStats(range, "month");
  }

  /** Conversion, retention and churn over the period containing `date` vs the one before. */
  async getBusinessRates(request: RatesRequest = {}): Promise<BusinessRates> {
    await this.sync();
    return businessRates(this.store, request, this.now(), this.timeZone);
  }

  /** Dispatch quality of a local day (0–100), or `null` when no ride was recorded. */
  async qualityScore(day: string): Promise<number | null> {
    return (await this.qualityBreakdown(day))?.score ?? null;
  }

  /** The parts of {@link Analytics.qualityScore}. */
  async qualityBreakdown(day: string): Promise<QualityBreakdown | null> {
    const key = dayKey(toDay(day, "day", this.timeZone));
    const [record] = await this.store.getDispatch(key, key);
    return record === undefined || record.total === 0 ? null : scoreDispatch(record);
  }

  /** Dispatch records of the inclusive range of days. */
  async getDispatch(range: DayRange): Promise<DispatchRecord[]> {
    const { fromDay, toDay: last } = resolveDays(range, this.timeZone);
    return this.store.getDispatch(dayKey(fromDay), dayKey(last));
  }

  /** Weekday patterns, week-over-week trends and top errors, with recommendations in French. */
  async getInsights(options: InsightOptions = {}): Promise<Insight[]> {
    await this.sync();
    return computeInsights(this, options);
  }

  /** Adds an alert rule checked by {@link Analytics.evaluateAlerts}. */
  addAlertRule(rule: AlertRule, field = "rule"): void {
    validateRule(rule, field);
    if (this.#rules.some((r) => r.name === rule.name)) throw invalid(`${field}.name`, "must be unique");
    this.#rules.push({ ...rule });
  }

  /** The alert rules in force. */
  get alertRules(): readonly AlertRule[] {
    return this.#rules;
  }

  /** The alerts that fire now. */
  async evaluateAlerts(): Promise<Alert[]> {
    await this.sync();
    return evaluateAlerts(this, this.#rules);
  }

  // ------------------------------------------------------------------ output

  /** Prometheus text exposition of this process's counters. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** A versioned JSON snapshot (summary, daily stats, funnels, errors, dispatch). */
  async exportJSON(range?: DayRange): Promise<AnalyticsExport> {
    return exportJSON(this, range);
  }

  /** A CSV table (RFC 4180, UTF-8 with BOM, formula injection neutralised). */
  async exportCSV(options?: CsvOptions): Promise<string> {
    return exportCSV(this, options);
  }

  /** A plain-text dashboard for the terminal. */
  async renderDashboard(): Promise<string> {
    return renderDashboard(this);
  }

  /** A self-contained HTML report (and its text alternative) for a day or an ISO week. */
  async renderReport(request: ReportRequest): Promise<RenderedReport> {
    return renderReport(this, request);
  }

  /** Runs the nightly aggregation and sends the daily and Monday reports at local times. */
  scheduleReports(options: ScheduleOptions): ReportSchedule {
    return scheduleReports(this, options);
  }

  /** Materialises the daily totals of these days in the store (the nightly aggregation; idempotent). */
  async aggregateDays(range: DayRange): Promise<void> {
    const { fromDay, toDay: last } = resolveDays(range, this.timeZone);
    await this.sync();
    const days: string[] = [];
    for (let d = fromDay; d <= last; d++) days.push(dayKey(d));
    await this.store.rollupDays(days, this.timeZone);
  }

  // --------------------------------------------------------------- lifecycle

  /** Hands buffered events to the store and waits until the store has written them. */
  async sync(): Promise<void> {
    this.#drain();
    await this.#pending;
    await this.store.flush();
  }

  /** Flushes, stops the timers and closes the store. Tracking afterwards throws. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.sync();
    this.#closed = true;
    clearInterval(this.#timer);
    this.#clock.stop();
    await this.store.close();
  }

  async #periodStats(range: DayRange, unit: PeriodUnit): Promise<PeriodStats[]> {
    const tz = this.timeZone;
    const { fromDay, toDay: last } = resolveDays(range, tz);
    const start = periodStart(fromDay, unit);
    const end = unit === "day" ? last + 1 : unit === "week" ? weekStart(last) + 7 : nextMonthStart(last);
    await this.sync();
    const rows = await this.store.periodStats({
      from: dayStartUtc(start, tz),
      to: dayStartUtc(end, tz),
      unit,
      timeZone: tz,
    });
    return buildPeriodStats(rows, start, end - 1, unit);
  }

  #open(): void {
    if (this.#closed) throw new AnalyticsClosedError("Analytics");
  }

  #drain(): void {
    const chunk = this.#buffer.drain();
    if (chunk !== null) this.#handOff(chunk);
  }

  #handOff(chunk: EventChunk): void {
    this.#live.touchAll(chunk);
    let result: void | Promise<void>;
    try {
      result = this.store.append(chunk);
    } catch (error) {
      this.#logger.error("analytics: store rejected events", { error, events: chunk.length });
      return;
    }
    if (result instanceof Promise) {
      const p = result.catch((error: unknown) => {
        this.#logger.error("analytics: store failed to take events", { error, events: chunk.length });
      });
      this.#pending = Promise.all([this.#pending, p]);
    }
  }
}

/** Steps a funnel may have (PostgresStore spells each step as one letter a–z). */
const MAX_STEPS = 26;

function checkSteps(steps: readonly string[]): string[] {
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_STEPS) {
    throw invalid("steps", `must be a non-empty array of at most ${MAX_STEPS} step names`);
  }
  const out = steps.map((s, i) => checkName(s, `steps[${i}]`));
  if (new Set(out).size !== out.length) throw invalid("steps", "must not repeat a step");
  return out;
}
