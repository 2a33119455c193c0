import { describe, expect, it } from "vitest";
import type { AnalyticsStore, PeriodTotals, SummaryTotals, TimeRange, UserCounts } from "../stores/store.js";
import { parseDayKey } from "../time/zone.js";
import { businessRates } from "./business-rates.js";
import { buildPeriodStats, periodTotal } from "./period-stats.js";
import { buildSummary } from "./summary.js";

const totals = (over: Partial<SummaryTotals> = {}): SummaryTotals => ({
  sessionsByRole: {},
  activeSessionsByRole: {},
  messagesByType: {},
  conversionsByType: {},
  responseTimes: { count: 0, sumMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0 },
  errors: 0,
  activeUsers: 0,
  ...over,
});

describe("buildSummary", () => {
  it("adds up the store's totals, fills every role, sorts types and derives the rates", () => {
    const s = buildSummary(
      totals({
        sessionsByRole: { livreur: 2, client: 5 },
        activeSessionsByRole: { client: 1 },
        messagesByType: { text: 30, audio: 10 },
        conversionsByType: {
          order_completed: { count: 2, revenueXaf: 7000 },
          mission_completed: { count: 1, revenueXaf: 2500 },
        },
        responseTimes: { count: 3, sumMs: 1000, p50Ms: 300, p90Ms: 400, p99Ms: 400 },
        errors: 2,
        activeUsers: 6,
      }),
      Date.UTC(2026, 10, 20),
      Date.UTC(2026, 10, 21),
    );
    expect(s.sessions).toEqual({
      total: 7,
      active: 1,
      byRole: { client: 5, livreur: 2, entreprise: 0 },
      activeByRole: { client: 1, livreur: 0, entreprise: 0 },
    });
    expect(Object.keys(s.messages.byType)).toEqual(["audio", "text"]);
    expect(s.messages.total).toBe(40);
    expect(s.conversions.total).toBe(3);
    expect(s.revenueXaf).toBe(9500);
    expect(s.responseTime.avgMs).toBe(333.33);
    expect(s.errors).toEqual({ total: 2, rate: 0.05 });
    expect(s.range).toEqual({ from: "2026-11-20T00:00:00.000Z", to: "2026-11-21T00:00:00.000Z" });
  });

  it("reports zero rates, not NaN, when nothing happened", () => {
    const s = buildSummary(totals({ errors: 3 }), 0, 1);
    expect(s.errors.rate).toBe(0);
    expect(s.responseTime.avgMs).toBe(0);
  });
});

describe("period stats", () => {
  const row = (period: string, o: Partial<PeriodTotals>): PeriodTotals => ({
    period,
    sessions: 0,
    activeUsers: 0,
    messages: 0,
    conversions: 0,
    revenueXaf: 0,
    errors: 0,
    responseCount: 0,
    responseSumMs: 0,
    ...o,
  });

  it("fills empty days with zeros and computes each day's rates", () => {
    const rows = buildPeriodStats(
      [row("2026-11-20", { messages: 4, errors: 1, responseCount: 2, responseSumMs: 301 })],
      parseDayKey("2026-11-19"),
      parseDayKey("2026-11-21"),
      "day",
    );
    expect(rows.map((r) => r.period)).toEqual(["2026-11-19", "2026-11-20", "2026-11-21"]);
    expect(rows[0]).toMatchObject({ messages: 0, errorRate: 0, avgResponseMs: 0 });
    expect(rows[1]).toMatchObject({ messages: 4, errorRate: 0.25, avgResponseMs: 150.5 });
  });

  it("starts weekly rows on the Monday and monthly rows on the 1st", () => {
    const weeks = buildPeriodStats([], parseDayKey("2026-11-19"), parseDayKey("2026-11-30"), "week");
    expect(weeks.map((w) => w.period)).toEqual(["2026-11-16", "2026-11-23", "2026-11-30"]);
    const months = buildPeriodStats([], parseDayKey("2026-11-19"), parseDayKey("2027-01-02"), "month");
    expect(months.map((m) => m.period)).toEqual(["2026-11-01", "2026-12-01", "2027-01-01"]);
  });

  it("totals counts by sum, the error rate pooled and response time over days with traffic", () => {
    const days = buildPeriodStats(
      [
        row("2026-11-20", { messages: 10, errors: 1, responseCount: 1, responseSumMs: 100 }),
        row("2026-11-21", { messages: 90, errors: 1, responseCount: 1, responseSumMs: 300 }),
      ],
      parseDayKey("2026-11-19"),
      parseDayKey("2026-11-21"),
      "day",
    );
    expect(periodTotal(days, "messages")).toBe(100);
    expect(periodTotal(days, "errorRate")).toBe(0.02); // not the mean of 0.1 and 0.011
    expect(periodTotal(days, "avgResponseMs")).toBe(200); // the empty 19th does not count
  });
});

describe("businessRates", () => {
  it("asks the store for the current and previous ISO weeks and derives conversion, retention, churn", async () => {
    const asked: Array<[TimeRange, TimeRange]> = [];
    const counts: UserCounts = { active: 8, previousActive: 10, retained: 6, sessionUsers: 5, convertedUsers: 2 };
    const store = {
      userCounts: async (c: TimeRange, p: TimeRange) => {
        asked.push([c, p]);
        return counts;
      },
    } as Pick<AnalyticsStore, "userCounts"> as AnalyticsStore;
    const r = await businessRates(store, { period: "week", date: "2026-11-20" }, 0, "Africa/Brazzaville");
    expect(asked).toEqual([
      [
        { from: Date.UTC(2026, 10, 15, 23), to: Date.UTC(2026, 10, 22, 23) },
        { from: Date.UTC(2026, 10, 8, 23), to: Date.UTC(2026, 10, 15, 23) },
      ],
    ]);
    expect(r).toEqual({
      period: "week",
      current: { from: "2026-11-16", to: "2026-11-22" },
      previous: { from: "2026-11-09", to: "2026-11-15" },
      activeUsers: 8,
      previousActiveUsers: 10,
      retainedUsers: 6,
      conversionRate: 0.4,
      retentionRate: 0.6,
      churnRate: 0.4,
    });
    await expect(businessRates(store, { period: "year" as "week" }, 0, "UTC")).rejects.toThrow(/"period"/);
  });
});
