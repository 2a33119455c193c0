import { describe, expect, it } from "vitest";
import { AnalyticsValidationError } from "../../errors.js";
import type { ErrorCount } from "../../stores/store.js";
import type { PeriodStats } from "../../summary/period-stats.js";
import type { AnalyticsSummary } from "../../summary/summary.js";
import type { InstantRange } from "../../time/range.js";
import { dayKey, parseDayKey } from "../../time/zone.js";
import { evaluateAlerts } from "../evaluate.js";
import type { AlertReader } from "../kind.js";
import { validateRule } from "../rules.js";
import { ALERT_KIND_TABLE, ALERT_KINDS, type AlertRule } from "./index.js";

const NOW = Date.UTC(2026, 10, 22, 11); // Sunday 22 Nov 2026, 12:00 in Brazzaville

function summary(over: { messages?: number; errors?: number; p90?: number }): AnalyticsSummary {
  const messages = over.messages ?? 0;
  const errors = over.errors ?? 0;
  return {
    range: { from: "", to: "" },
    sessions: {
      total: 0,
      active: 0,
      byRole: { client: 0, livreur: 0, entreprise: 0 },
      activeByRole: { client: 0, livreur: 0, entreprise: 0 },
    },
    messages: { total: messages, byType: {} },
    conversions: { total: 0, byType: {} },
    revenueXaf: 0,
    responseTime: { count: 0, avgMs: 0, p50Ms: 0, p90Ms: over.p90 ?? 0, p99Ms: 0 },
    errors: { total: errors, rate: messages === 0 ? 0 : errors / messages },
    activeUsers: 0,
  };
}

function day(period: string, messages: number): PeriodStats {
  return {
    period,
    sessions: 0,
    activeUsers: 0,
    messages,
    conversions: 0,
    revenueXaf: 0,
    errors: 0,
    errorRate: 0,
    avgResponseMs: 0,
  };
}

/** A reader whose summary and daily rows are given, recording the ranges asked for. */
function reader(opts: { summary?: AnalyticsSummary; messagesByDay?: Record<string, number>; errors?: ErrorCount[] }) {
  const asked: InstantRange[] = [];
  const r: AlertReader = {
    timeZone: "Africa/Brazzaville",
    async getSummary(range) {
      asked.push(range ?? {});
      return opts.summary ?? summary({});
    },
    async getTopErrors(_n, range) {
      asked.push(range ?? {});
      return opts.errors ?? [];
    },
    async getDailyStats(range) {
      const out: PeriodStats[] = [];
      for (let d = parseDayKey(String(range.from)); d <= parseDayKey(String(range.to)); d++) {
        out.push(day(dayKey(d), opts.messagesByDay?.[dayKey(d)] ?? 0));
      }
      return out;
    },
  };
  return { r, asked };
}

describe("the table of alert kinds", () => {
  it("lists every kind once, in the order of the table, each with validate and evaluate", () => {
    expect(ALERT_KINDS).toEqual(["threshold", "anomaly", "trend_change"]);
    expect(Object.isFrozen(ALERT_KINDS)).toBe(true);
    for (const kind of ALERT_KINDS) {
      expect(typeof ALERT_KIND_TABLE[kind].validate).toBe("function");
      expect(typeof ALERT_KIND_TABLE[kind].evaluate).toBe("function");
    }
  });

  it("rejects an unknown kind naming the field and listing the table", () => {
    const rule = { name: "x", type: "ratio" } as unknown as AlertRule;
    expect(() => validateRule(rule, "alerts[3]")).toThrow(AnalyticsValidationError);
    expect(() => validateRule(rule, "alerts[3]")).toThrow(
      'invalid "alerts[3].type": must be one of threshold, anomaly, trend_change',
    );
  });

  it.each<[AlertRule, string]>([
    [{ name: "", type: "threshold", metric: "errorRate", op: ">", value: 1 }, "r.name"],
    [
      { name: "a", type: "threshold", metric: "errorRate", op: ">", value: 1, severity: "loud" as "info" },
      "r.severity",
    ],
    [{ name: "a", type: "threshold", metric: "nope" as "errors", op: ">", value: 1 }, "r.metric"],
    [{ name: "a", type: "threshold", metric: "errors", op: "==" as ">", value: 1 }, "r.op"],
    [{ name: "a", type: "threshold", metric: "errors", op: ">", value: Number.NaN }, "r.value"],
    [{ name: "a", type: "threshold", metric: "errors", op: ">", value: 1, windowMs: 0 }, "r.windowMs"],
    [{ name: "a", type: "threshold", metric: "errorRate", op: ">", value: 1, errorName: "X" }, "r.errorName"],
    [{ name: "a", type: "threshold", metric: "errors", op: ">", value: 1, errorName: "" }, "r.errorName"],
    [{ name: "a", type: "anomaly", metric: "p90ResponseMs" as "messages" }, "r.metric"],
    [{ name: "a", type: "anomaly", metric: "messages", trailingDays: 2 }, "r.trailingDays"],
    [{ name: "a", type: "anomaly", metric: "messages", zScore: -1 }, "r.zScore"],
    [{ name: "a", type: "trend_change", metric: "messages", changePct: 0 }, "r.changePct"],
    [
      { name: "a", type: "trend_change", metric: "messages", changePct: 5, direction: "sideways" as "up" },
      "r.direction",
    ],
    [{ name: "a", type: "trend_change", metric: "messages", changePct: 5, conversionType: "x" }, "r.conversionType"],
    [{ name: "a", type: "trend_change", metric: "conversions", changePct: 5, conversionType: "" }, "r.conversionType"],
  ])("names the bad field of %j", (rule, field) => {
    try {
      validateRule(rule, "r");
      expect.unreachable();
    } catch (e) {
      expect(AnalyticsValidationError.isInstance(e)).toBe(true);
      expect((e as AnalyticsValidationError).field).toBe(field);
    }
  });
});

describe("threshold", () => {
  const rule: AlertRule = {
    name: "errors",
    type: "threshold",
    metric: "errorRate",
    op: ">",
    value: 0.01,
    windowMs: 15 * 60_000,
  };

  it("fires above the threshold over the window ending now, with the figures in the message", async () => {
    const { r, asked } = reader({ summary: summary({ messages: 200, errors: 4 }) });
    const [alert] = await evaluateAlerts(r, [rule], NOW);
    expect(asked).toEqual([{ from: NOW - 15 * 60_000, to: NOW + 1 }]);
    expect(alert).toEqual({
      rule: "errors",
      type: "threshold",
      severity: "warning",
      metric: "errorRate",
      value: 0.02,
      reference: 0.01,
      message: "errorRate = 2,00 % (seuil > 1,00 %) sur les 15 dernières minutes.",
      at: new Date(NOW).toISOString(),
    });
  });

  it("does not fire at exactly the threshold with a strict operator, fires with >=", async () => {
    const { r } = reader({ summary: summary({ messages: 100, errors: 1 }) });
    expect(await evaluateAlerts(r, [rule], NOW)).toEqual([]);
    expect(await evaluateAlerts(r, [{ ...rule, op: ">=" }], NOW)).toHaveLength(1);
  });

  it("watches p90 response time", async () => {
    const { r } = reader({ summary: summary({ p90: 2400 }) });
    const p90: AlertRule = {
      name: "slow",
      type: "threshold",
      metric: "p90ResponseMs",
      op: ">",
      value: 2000,
      severity: "critical",
    };
    expect(await evaluateAlerts(r, [p90], NOW)).toMatchObject([{ value: 2400, severity: "critical" }]);
  });
});

describe("threshold on one error name", () => {
  it("counts only the errors of that name over the window (a security alert)", async () => {
    const err = (name: string, message: string, count: number) => ({ name, message, count, lastSeenAt: NOW });
    const { r, asked } = reader({
      errors: [
        err("TypeError", "x", 50),
        err("WebhookSignatureError", "bad signature", 3),
        err("WebhookSignatureError", "no header", 2),
      ],
    });
    const rule: AlertRule = {
      name: "signatures",
      type: "threshold",
      metric: "errors",
      op: ">=",
      value: 5,
      windowMs: 10 * 60_000,
      errorName: "WebhookSignatureError",
      severity: "critical",
    };
    expect(await evaluateAlerts(r, [rule], NOW)).toMatchObject([
      {
        value: 5,
        reference: 5,
        message: "errors WebhookSignatureError = 5 (seuil >= 5) sur les 10 dernières minutes.",
      },
    ]);
    expect(asked).toEqual([{ from: NOW - 10 * 60_000, to: NOW + 1 }]);
    expect(await evaluateAlerts(r, [{ ...rule, value: 6 }], NOW)).toEqual([]);
  });
});

describe("anomaly", () => {
  it("compares today with the trailing days (z-score) and stays quiet for a usual day", async () => {
    const rule: AlertRule = { name: "spike", type: "anomaly", metric: "messages", trailingDays: 4, zScore: 2 };
    const flat = { "2026-11-18": 10, "2026-11-19": 12, "2026-11-20": 10, "2026-11-21": 12 };
    const usual = reader({ messagesByDay: { ...flat, "2026-11-22": 11 } });
    expect(await evaluateAlerts(usual.r, [rule], NOW)).toEqual([]);
    const spike = reader({ messagesByDay: { ...flat, "2026-11-22": 40 } });
    // mean 11, σ 1 → z = 29
    expect(await evaluateAlerts(spike.r, [rule], NOW)).toMatchObject([
      { metric: "messages", value: 40, reference: 11, message: expect.stringContaining("z = 29,0") },
    ]);
  });
});

describe("trend_change", () => {
  const week = (start: number, n: number) =>
    Object.fromEntries(Array.from({ length: 7 }, (_, i) => [dayKey(start + i), n]));
  const first = parseDayKey("2026-11-08");

  it("compares the last 7 complete days with the 7 before, in the asked direction", async () => {
    const up = reader({ messagesByDay: { ...week(first, 10), ...week(first + 7, 14) } });
    const rule: AlertRule = {
      name: "growth",
      type: "trend_change",
      metric: "messages",
      changePct: 30,
      direction: "up",
    };
    expect(await evaluateAlerts(up.r, [rule], NOW)).toMatchObject([{ metric: "messages", value: 98, reference: 70 }]);
    expect(await evaluateAlerts(up.r, [{ ...rule, direction: "down" }], NOW)).toEqual([]);
    expect(await evaluateAlerts(up.r, [{ ...rule, direction: "any", changePct: 50 }], NOW)).toEqual([]);
  });

  it("stays quiet without a previous week", async () => {
    const none = reader({ messagesByDay: week(first + 7, 14) });
    const rule: AlertRule = { name: "any", type: "trend_change", metric: "messages", changePct: 1 };
    expect(await evaluateAlerts(none.r, [rule], NOW)).toEqual([]);
  });
});
