import type { Registry } from "@prometheus-io/client";
import { evaluateAlerts } from "./alerts/evaluate.js";
import { alertsBetween } from "./alerts/history.js";
import type { AlertRule } from "./alerts/kinds/index.js";
import { type AlertMonitor, type MonitorOptions, monitorAlerts } from "./alerts/monitor.js";
import { type Alert, validateRule } from "./alerts/rules.js";
import {
  ALERT_STATES,
  type AlertRecord,
  type AlertState,
  type AlertStateSource,
  type AlertStateStore,
  MemoryAlertStore,
} from "./alerts/state.js";
import type { AnalyticsOptions } from "./analytics-options.js";
import {
  type DispatchInput,
  type QualityBreakdown,
  scoreDispatch,
  validateDispatch,
} from "./dispatch/quality-score.js";
import { type CsvOptions, exportCSV } from "./export/csv.js";
import { type DashboardTextOptions, renderDashboard } from "./export/dashboard.js";
import { type AnalyticsExport, exportJSON } from "./export/json.js";
import { buildFunnel, type FunnelOptions, type FunnelReport, MAX_STEPS } from "./funnels/funnel-report.js";
import { computeInsights, type InsightOptions } from "./insights/insights.js";
import type { Insight } from "./insights/types.js";
import { buildPayments, type Payments } from "./payments/payments.js";
import { createRegistry } from "./prometheus/registry.js";
import type { AnalyticsReader } from "./reader.js";
import { type ReportRequest, reportFigures, reportPeriod } from "./reports/figures.js";
import { type RenderedReport, renderReport } from "./reports/render.js";
import { type ReportSchedule, type ScheduleOptions, scheduleReports } from "./reports/schedule.js";
import { buildSatisfaction, type Satisfaction } from "./satisfaction/satisfaction.js";
import type { DispatchRecord, ErrorCount, PeriodUnit, StoreHealth } from "./stores/store.js";
import { type BusinessRates, businessRates, type RatesRequest } from "./summary/business-rates.js";
import { buildPeriodStats, type PeriodStats } from "./summary/period-stats.js";
import { type AnalyticsSummary, buildSummary } from "./summary/summary.js";
import { periodEnd, periodStart } from "./time/period.js";
import {
  type DayRange,
  type Instant,
  type InstantRange,
  resolveDays,
  resolveInstants,
  scope,
  toDay,
  toMs,
} from "./time/range.js";
import { dayKey, dayStartUtc } from "./time/zone.js";
import { Tracker } from "./tracking/tracker.js";
import { checkName, checkPositive, invalid } from "./validate.js";

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
export class Analytics extends Tracker implements AnalyticsReader {
  /** Prometheus registry (`@prometheus-io/client`) reading this instance's counters at scrape time. */
  readonly registry: Registry;
  readonly #rules: AlertRule[] = [];
  readonly #alertStates: AlertStateStore;

  constructor(options: AnalyticsOptions = {}) {
    super(options);
    const own = (this.store as Partial<AlertStateSource>).alertStates;
    this.#alertStates =
      options.alertStore ?? (typeof own === "function" ? own.call(this.store) : new MemoryAlertStore());
    for (const [i, rule] of (options.alerts ?? []).entries()) this.addAlertRule(rule, `alerts[${i}]`);
    this.registry = createRegistry(this.live, {
      now: () => this.clock.exact(),
      sessionTimeoutMs: this.options.sessionTimeoutMs,
      beforeScrape: () => this.drain(),
      health: () => this.health(),
    });
  }

  /**
   * Whether the store answers, and how many events wait for it or were lost: for an
   * app's `/healthz` and `/readyz` (a store without `health()`, like the memory store, is always `ok`).
   * @example
   * const h = analytics.health(); // { status: "down", buffered: 1200, dropped: 0, flushFailures: 3, downSince, lastError }
   * res.writeHead(h.status === "ok" ? 200 : 503).end(JSON.stringify(h));
   */
  health(): StoreHealth {
    return this.store.health?.() ?? { status: "ok", buffered: 0, dropped: 0, flushFailures: 0 };
  }

  /** Stores the figures of one day of deliveries (replaces that day's previous record). */
  async recordDispatch(input: DispatchInput): Promise<void> {
    this.assertOpen();
    await this.store.putDispatch(validateDispatch(input));
  }

  // ----------------------------------------------------------------- reading

  /** Totals and rates over a range (default: everything until now). */
  async getSummary(range?: InstantRange): Promise<AnalyticsSummary> {
    const r = resolveInstants(range, this.now(), this.timeZone);
    await this.sync(r.signal);
    const { from, to } = r;
    const totals = await this.store.summary({
      ...r,
      now: this.now(),
      sessionTimeoutMs: this.options.sessionTimeoutMs,
    });
    return buildSummary(totals, from, to);
  }

  /**
   * Satisfaction over a range (default: everything until now): average rating, share of low ratings
   * (2 or less) and per-driver averages, each mission counted once with its latest rating.
   */
  async getSatisfaction(range?: InstantRange): Promise<Satisfaction> {
    const r = resolveInstants(range, this.now(), this.timeZone);
    await this.sync(r.signal);
    return buildSatisfaction(await this.store.ratingTotals(r));
  }

  /**
   * Payments over a range (default: everything until now): attempts, success rate of the settled ones,
   * failures per reason and XAF collected per method, each payment counted once with its latest status.
   */
  async getPayments(range?: InstantRange): Promise<Payments> {
    const r = resolveInstants(range, this.now(), this.timeZone);
    await this.sync(r.signal);
    return buildPayments(await this.store.paymentTotals(r));
  }

  /** Ordered funnel of a flow: users, conversion and drop-off per step. */
  async getFunnel(flow: string, options: FunnelOptions = {}): Promise<FunnelReport> {
    checkName(flow, "flow");
    const windowMs = checkPositive(options.window ?? 86_400_000, "window");
    const range = resolveInstants(options, this.now(), this.timeZone);
    await this.sync(range.signal);
    const steps =
      options.steps === undefined
        ? (await this.store.funnelSteps(flow, range)).slice(0, MAX_STEPS)
        : checkSteps(options.steps);
    if (steps.length === 0) return buildFunnel(flow, [], [], windowMs);
    const counts = await this.store.funnel({
      flow,
      steps,
      windowMs,
      ...range,
      byWeekday: false,
      timeZone: this.timeZone,
    });
    return buildFunnel(flow, steps, counts.groups[0]?.counts ?? [], windowMs);
  }

  /** The `n` most frequent errors (name + message). */
  async getTopErrors(n = 10, range?: InstantRange): Promise<ErrorCount[]> {
    if (!Number.isSafeInteger(n) || n < 1 || n > 1000) throw invalid("n", "must be an integer between 1 and 1000");
    const r = resolveInstants(range, this.now(), this.timeZone);
    await this.sync(r.signal);
    return this.store.topErrors(n, r);
  }

  /** Flows with funnel steps in a range (default: everything until now), by name. */
  async getFlows(range?: InstantRange): Promise<string[]> {
    const r = resolveInstants(range, this.now(), this.timeZone);
    await this.sync(r.signal);
    return this.store.flows(r);
  }

  /** Distinct users with any event in the last `windowMs` (of one company with `{ companyId }`). */
  async getActiveUsers(windowMs: number, options: { signal?: AbortSignal; companyId?: string } = {}): Promise<number> {
    checkPositive(windowMs, "windowMs");
    const now = this.now();
    const r = resolveInstants({ signal: options.signal, companyId: options.companyId }, now, this.timeZone);
    await this.sync(r.signal);
    return this.store.activeUsers({ ...r, from: now - windowMs, to: now + 1 });
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

  /** Dispatch quality of a local day (0–100) — of one company with `{ companyId }` —, or `null` when no ride was recorded. */
  async qualityScore(day: string, options: { companyId?: string } = {}): Promise<number | null> {
    return (await this.qualityBreakdown(day, options))?.score ?? null;
  }

  /** The parts of {@link Analytics.qualityScore}. */
  async qualityBreakdown(day: string, options: { companyId?: string } = {}): Promise<QualityBreakdown | null> {
    const key = dayKey(toDay(day, "day", this.timeZone));
    const [record] = await this.store.getDispatch(key, key, scope(options.companyId).companyId);
    return record === undefined || record.total === 0 ? null : scoreDispatch(record);
  }

  /** Dispatch records of the inclusive range of days (a company's with `companyId`, else the whole operation's). */
  async getDispatch(range: DayRange): Promise<DispatchRecord[]> {
    const { fromDay, toDay: last, companyId } = resolveDays(range, this.timeZone);
    return this.store.getDispatch(dayKey(fromDay), dayKey(last), companyId);
  }

  /** Weekday patterns, week-over-week trends and top errors, with recommendations in French. */
  async getInsights(options: InsightOptions = {}): Promise<Insight[]> {
    await this.sync();
    return computeInsights(this, this.store, options);
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

  /** The alerts that fire now (or at the instant `at`: e.g. the end of a past day). */
  async evaluateAlerts(options: { at?: Instant } = {}): Promise<Alert[]> {
    const at = options.at === undefined ? this.now() : toMs(options.at, "at", this.timeZone);
    await this.sync();
    return evaluateAlerts(this, this.#rules, at);
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

  /** A plain-text dashboard for the terminal: French labels (`{ locale: "en" }` for English), local time of `timeZone`. */
  async renderDashboard(options?: DashboardTextOptions): Promise<string> {
    return renderDashboard(this, options);
  }

  /** A self-contained HTML report (and its text alternative) for a day or an ISO week. */
  async renderReport(request: ReportRequest): Promise<RenderedReport> {
    const period = reportPeriod(request, this.timeZone);
    const company = period.companyId === undefined ? {} : { companyId: period.companyId };
    const insights = (await this.getInsights({ date: dayKey(period.last), ...company })).slice(0, 5);
    const range = { from: dayStartUtc(period.first, this.timeZone), to: dayStartUtc(period.last + 1, this.timeZone) };
    const evaluate = (at: number) => this.evaluateAlerts({ at: Math.min(this.now(), at) });
    const alerts = period.companyId === undefined ? await alertsBetween(this.#alertStates, evaluate, range) : [];
    return renderReport(await reportFigures(this, period, { insights, alerts }));
  }

  /**
   * Evaluates the alert rules every `intervalMs` (default 1 min) and calls `notify` once when a
   * rule starts firing and once when it stops, keeping each firing as a record (`active`,
   * `acknowledged`, `resolved`) in the alert store — shared by every process with `PostgresStore`.
   * @example
   * const monitor = analytics.monitorAlerts({ notify: async ({ event, record }) => sendWhatsApp(event, record.alert.message) });
   * // on shutdown: monitor.stop();
   */
  monitorAlerts(options: MonitorOptions): AlertMonitor {
    return monitorAlerts(this, this.#alertStates, options);
  }

  /** Marks an active alert record acknowledged; the record, or `null` when no record has this id. */
  async acknowledgeAlert(id: string, options: { by?: string } = {}): Promise<AlertRecord | null> {
    checkName(id, "id");
    const by = options.by === undefined ? undefined : checkName(options.by, "by", 256);
    return this.#alertStates.acknowledge(id, this.now(), by);
  }

  /** Alert records open at some moment of the range (default: all), newest first, optionally of some states. */
  async listAlerts(query: InstantRange & { states?: readonly AlertState[] } = {}): Promise<AlertRecord[]> {
    const r = resolveInstants(query, this.now(), this.timeZone);
    if (query.states !== undefined && !query.states.every((s) => ALERT_STATES.includes(s)))
      throw invalid("states", `must list states among ${ALERT_STATES.join(", ")}`);
    return this.#alertStates.list({
      ...(query.from === undefined ? {} : { from: r.from }),
      ...(query.to === undefined ? {} : { to: r.to }),
      ...(query.states === undefined ? {} : { states: query.states }),
    });
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

  async #periodStats(range: DayRange, unit: PeriodUnit): Promise<PeriodStats[]> {
    const tz = this.timeZone;
    const { fromDay, toDay: last, signal, companyId } = resolveDays(range, tz);
    const start = periodStart(fromDay, unit);
    const end = periodEnd(last, unit);
    await this.sync(signal);
    const rows = await this.store.periodStats({
      from: dayStartUtc(start, tz),
      to: dayStartUtc(end, tz),
      ...(signal === undefined ? {} : { signal }),
      ...(companyId === undefined ? {} : { companyId }),
      unit,
      timeZone: tz,
    });
    return buildPeriodStats(rows, start, end - 1, unit);
  }
}

function checkSteps(steps: readonly string[]): string[] {
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_STEPS) {
    throw invalid("steps", `must be a non-empty array of at most ${MAX_STEPS} step names`);
  }
  const out = steps.map((s, i) => checkName(s, `steps[${i}]`));
  if (new Set(out).size !== out.length) throw invalid("steps", "must not repeat a step");
  return out;
}
