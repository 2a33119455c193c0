import type { Analytics } from "../analytics.js";
import { groupDigits } from "../insights/french.js";
import { total } from "../insights/trends.js";
import type { AnalyticsSummary } from "../summary/summary.js";
import { dayKey, dayNumber } from "../time/zone.js";
import type { Alert, AlertRule, AnomalyRule, SummaryMetric, ThresholdRule, TrendChangeRule } from "./rules.js";

/** Reads a threshold metric off a summary. */
export function summaryMetric(s: AnalyticsSummary, metric: SummaryMetric): number {
  switch (metric) {
    case "errorRate":
      return s.errors.rate;
    case "errors":
      return s.errors.total;
    case "messages":
      return s.messages.total;
    case "sessions":
      return s.sessions.total;
    case "activeSessions":
      return s.sessions.active;
    case "activeUsers":
      return s.activeUsers;
    case "conversions":
      return s.conversions.total;
    case "revenueXaf":
      return s.revenueXaf;
    case "avgResponseMs":
      return s.responseTime.avgMs;
    case "p50ResponseMs":
      return s.responseTime.p50Ms;
    case "p90ResponseMs":
      return s.responseTime.p90Ms;
    case "p99ResponseMs":
      return s.responseTime.p99Ms;
  }
}

const OPS = {
  ">": (a: number, b: number) => a > b,
  ">=": (a: number, b: number) => a >= b,
  "<": (a: number, b: number) => a < b,
  "<=": (a: number, b: number) => a <= b,
};

const fmt = (metric: string, v: number) =>
  metric.endsWith("Rate") ? `${groupDigits(v * 100, 2)} %` : groupDigits(v, Number.isInteger(v) ? 0 : 2);

async function threshold(a: Analytics, rule: ThresholdRule, now: number): Promise<Alert | null> {
  const windowMs = rule.windowMs ?? 3_600_000;
  const summary = await a.getSummary({ from: now - windowMs, to: now + 1 });
  const value = summaryMetric(summary, rule.metric);
  if (!OPS[rule.op](value, rule.value)) return null;
  const minutes = Math.round(windowMs / 60_000);
  return alert(
    rule,
    now,
    value,
    rule.value,
    `${rule.metric} = ${fmt(rule.metric, value)} (seuil ${rule.op} ${fmt(rule.metric, rule.value)}) sur les ${minutes} dernières minutes.`,
  );
}

async function anomaly(a: Analytics, rule: AnomalyRule, now: number): Promise<Alert | null> {
  const today = dayNumber(now, a.timeZone);
  const trailing = rule.trailingDays ?? 14;
  const days = await a.getDailyStats({ from: dayKey(today - trailing), to: dayKey(today) });
  const current = days.at(-1)?.[rule.metric] ?? 0;
  const baseline = days.slice(0, -1).map((d) => d[rule.metric]);
  const mean = baseline.reduce((s, x) => s + x, 0) / baseline.length;
  const std = Math.sqrt(baseline.reduce((s, x) => s + (x - mean) ** 2, 0) / baseline.length);
  const z = std === 0 ? (current === mean ? 0 : Number.POSITIVE_INFINITY) : (current - mean) / std;
  if (Math.abs(z) < (rule.zScore ?? 3)) return null;
  const zText = Number.isFinite(z) ? groupDigits(z, 1) : "∞";
  return alert(
    rule,
    now,
    current,
    mean,
    `${rule.metric} aujourd'hui = ${fmt(rule.metric, current)}, moyenne des ${trailing} jours précédents ${fmt(rule.metric, mean)} (z = ${zText}).`,
  );
}

async function trendChange(a: Analytics, rule: TrendChangeRule, now: number): Promise<Alert | null> {
  const last = dayNumber(now, a.timeZone) - 1;
  const days = await a.getDailyStats({ from: dayKey(last - 13), to: dayKey(last) });
  const before = total(days.slice(0, 7), rule.metric);
  const after = total(days.slice(7), rule.metric);
  if (before === 0) return null;
  const change = ((after - before) / before) * 100;
  const direction = rule.direction ?? "any";
  const fires =
    direction === "up"
      ? change >= rule.changePct
      : direction === "down"
        ? -change >= rule.changePct
        : Math.abs(change) >= rule.changePct;
  if (!fires) return null;
  return alert(
    rule,
    now,
    after,
    before,
    `${rule.metric} : ${fmt(rule.metric, after)} sur 7 jours contre ${fmt(rule.metric, before)} la semaine précédente (${change >= 0 ? "+" : "−"}${groupDigits(Math.abs(change), 1)} %).`,
  );
}

function alert(rule: AlertRule, now: number, value: number, reference: number, message: string): Alert {
  return {
    rule: rule.name,
    type: rule.type,
    severity: rule.severity ?? "warning",
    metric: rule.metric,
    value,
    reference,
    message,
    at: new Date(now).toISOString(),
  };
}

/** Evaluates every rule now and returns those that fire, in rule order. */
export async function evaluateAlerts(a: Analytics, rules: readonly AlertRule[]): Promise<Alert[]> {
  const now = a.now();
  const out: Alert[] = [];
  for (const rule of rules) {
    const fired =
      rule.type === "threshold"
        ? await threshold(a, rule, now)
        : rule.type === "anomaly"
          ? await anomaly(a, rule, now)
          : await trendChange(a, rule, now);
    if (fired !== null) out.push(fired);
  }
  return out;
}
