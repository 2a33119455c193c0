import { describe, expect, it } from "vitest";
import { Analytics } from "./analytics.js";
import { AnalyticsAbortError, AnalyticsValidationError } from "./errors.js";

const T0 = Date.UTC(2026, 10, 20, 9); // Friday 10:00 in Brazzaville

function setup() {
  const clock = { now: T0 };
  const analytics = new Analytics({ now: () => clock.now });
  return { clock, analytics };
}

describe("Analytics — summary arithmetic", () => {
  it("counts sessions, messages, conversions, revenue, response percentiles and the error rate", async () => {
    const { clock, analytics: a } = setup();
    a.trackSessionStart("a", "client");
    a.trackSessionStart("b", "livreur");
    a.trackSessionStart("c", "entreprise");
    a.trackSessionEnd("c");
    for (let i = 0; i < 4; i++) a.trackMessage("a", "text");
    a.trackMessage("b", "image");
    a.trackMessage("b", "location");
    a.trackConversion("a", "mission_created", 2500);
    a.trackConversion("a", "mission_completed", 23_700_000, { zone: "Moungali" });
    for (let ms = 10; ms <= 1000; ms += 10) a.trackResponseTime(ms);
    a.trackError(new RangeError("bad amount"), { user: "b" });
    clock.now += 1000;
    const s = await a.getSummary();
    expect(s.sessions).toEqual({
      total: 3,
      active: 2,
      byRole: { client: 1, livreur: 1, entreprise: 1 },
      activeByRole: { client: 1, livreur: 1, entreprise: 0 },
    });
    expect(s.messages).toEqual({ total: 6, byType: { image: 1, location: 1, text: 4 } });
    expect(s.conversions.total).toBe(2);
    expect(s.revenueXaf).toBe(23_702_500);
    expect(s.responseTime).toEqual({ count: 100, avgMs: 505, p50Ms: 500, p90Ms: 900, p99Ms: 990 });
    expect(s.errors).toEqual({ total: 1, rate: 1 / 6 });
    expect(s.activeUsers).toBe(3);
    await a.close();
  });

  it("expires sessions after the idle timeout and counts active users in a window", async () => {
    const { clock, analytics: a } = setup();
    a.trackSessionStart("a", "client");
    clock.now += 20 * 60_000;
    a.trackSessionStart("b", "client");
    clock.now += 15 * 60_000; // a idle 35 min, b idle 15 min
    expect((await a.getSummary()).sessions.active).toBe(1);
    expect(await a.getActiveUsers(20 * 60_000)).toBe(1);
    expect(await a.getActiveUsers(60 * 60_000)).toBe(2);
    await a.close();
  });

  it("rejects bad input with a typed error naming the field", () => {
    const { analytics: a } = setup();
    expect(() => a.trackSessionStart("a", "admin" as "client")).toThrow(AnalyticsValidationError);
    try {
      a.trackConversion("a", "order_completed", 12.5);
    } catch (e) {
      expect(AnalyticsValidationError.isInstance(e)).toBe(true);
      expect((e as AnalyticsValidationError).field).toBe("value");
    }
    expect(() => a.trackMessage("", "text")).toThrow(/"user"/);
    expect(() => a.trackResponseTime(-1)).toThrow(/"ms"/);
  });

  it("daily, weekly and monthly stats fill empty periods and compute rates", async () => {
    const { clock, analytics: a } = setup();
    a.trackMessage("a", "text");
    a.trackMessage("a", "text");
    a.trackError(new Error("x"));
    a.trackResponseTime(100);
    a.trackResponseTime(300);
    clock.now += 3 * 86_400_000; // Monday 23rd
    a.trackConversion("b", "order_completed", 5000);
    const days = await a.getDailyStats({ from: "2026-11-19", to: "2026-11-23" });
    expect(days.map((d) => d.period)).toEqual(["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"]);
    expect(days[1]).toMatchObject({ messages: 2, errors: 1, errorRate: 0.5, avgResponseMs: 200, activeUsers: 1 });
    expect(days[4]).toMatchObject({ conversions: 1, revenueXaf: 5000 });
    const weeks = await a.getWeeklyStats({ from: "2026-11-19", to: "2026-11-23" });
    expect(weeks.map((w) => [w.period, w.messages, w.revenueXaf])).toEqual([
      ["2026-11-16", 2, 0],
      ["2026-11-23", 0, 5000],
    ]);
    const months = await a.getMonthlyStats({ from: "2026-11-01", to: "2026-11-30" });
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ period: "2026-11-01", messages: 2, conversions: 1 });
    await a.close();
  });

  it("business rates: conversion, retention and churn", async () => {
    const { clock, analytics: a } = setup();
    for (const u of ["a", "b", "c", "d"]) a.trackMessage(u, "text"); // week of 16th
    clock.now += 3 * 86_400_000; // week of 23rd
    for (const u of ["a", "b", "e"]) a.trackSessionStart(u, "client");
    a.trackConversion("e", "order_created", 1000);
    const r = await a.getBusinessRates({ period: "week" });
    expect(r).toMatchObject({
      activeUsers: 3,
      previousActiveUsers: 4,
      retainedUsers: 2,
      retentionRate: 0.5,
      churnRate: 0.5,
    });
    expect(r.conversionRate).toBeCloseTo(1 / 3);
    expect(r.current).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    await a.close();
  });

  it("honours an aborted signal before reading", async () => {
    const { analytics: a } = setup();
    a.trackMessage("a", "text");
    await expect(a.getSummary({ signal: AbortSignal.abort() })).rejects.toThrow(AnalyticsAbortError);
    await expect(
      a.getDailyStats({ from: "2026-11-20", to: "2026-11-20", signal: AbortSignal.abort() }),
    ).rejects.toThrow(AnalyticsAbortError);
    await expect(a.getSummary({ signal: "nope" as unknown as AbortSignal })).rejects.toThrow(/range.signal/);
    await a.close();
  });

  it("throws once closed", async () => {
    const { analytics: a } = setup();
    await a.close();
    expect(() => a.trackMessage("a", "text")).toThrow(/closed/);
  });
});
