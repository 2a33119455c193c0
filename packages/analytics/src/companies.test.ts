import { describe, expect, it } from "vitest";
import { Analytics } from "./analytics.js";
import { addUp, COMPANIES, companyFigures, playCompanies } from "./testing/scripted-companies.js";
import { NOW } from "./testing/scripted-data.js";

async function scripted() {
  const clock = { now: NOW };
  const a = new Analytics({ now: () => clock.now });
  playCompanies(a, clock);
  clock.now = NOW - 2 * 86_400_000; // Friday 20th
  a.trackMessage("242069999999", "text"); // an event of no company: in the totals only
  clock.now = NOW;
  return a;
}

describe("figures per company", () => {
  it("add up to the totals: summary, funnel, daily rows, errors (memory store)", async () => {
    const a = await scripted();
    const parts = await Promise.all(COMPANIES.map((c) => companyFigures(a, c)));
    const { flows: _, ...total } = await companyFigures(a);
    expect(parts.every((p) => p.messages > 0 && p.flows.join() === "marketplace")).toBe(true);
    // The no-company message is in the total only.
    expect(addUp(parts)).toEqual({
      ...total,
      messages: total.messages - 1,
      byType: { ...total.byType, text: (total.byType.text ?? 0) - 1 },
      activeUsers: total.activeUsers - 1,
      daily: total.daily.map((r) =>
        r[0] === "2026-11-20" ? [r[0], r[1], Number(r[2]) - 1, r[3], r[4], Number(r[5]) - 1] : r,
      ),
    });
    // Customers are disjoint, so active-user counts behind the business rates add up too.
    const rates = await Promise.all(
      COMPANIES.map((companyId) => a.getBusinessRates({ date: "2026-11-18", companyId })),
    );
    const all = await a.getBusinessRates({ date: "2026-11-18" });
    expect(rates.reduce((n, r) => n + r.activeUsers, 0)).toBe(all.activeUsers - 1); // the no-company user
    expect(rates.every((r) => r.activeUsers > 0)).toBe(true);
    // Companies differ, so a scope that leaked would show.
    expect(new Set(parts.map((p) => p.revenueXaf)).size).toBe(3);
    await a.close();
  });

  it("scopes quality, exports and reports to one company", async () => {
    const a = await scripted();
    const [c0, c1] = COMPANIES;
    await a.recordDispatch({ day: "2026-11-20", total: 25, onTime: 22, late: 2, cancelled: 1, avgDelayMinutes: 6 });
    await a.recordDispatch({
      day: "2026-11-20",
      companyId: c0,
      total: 10,
      onTime: 5,
      late: 5,
      cancelled: 0,
      avgDelayMinutes: 20,
    });
    expect(await a.qualityScore("2026-11-20")).toBe(78);
    expect(await a.qualityScore("2026-11-20", { companyId: c0 })).toBeLessThan(78);
    expect(await a.qualityScore("2026-11-20", { companyId: c1 })).toBeNull();

    const range = { from: "2026-11-15", to: "2026-11-21", companyId: c1 };
    const json = await a.exportJSON(range);
    expect(json.companyId).toBe(c1);
    expect(json.summary).toEqual(await a.getSummary({ from: "2026-11-15", to: "2026-11-22", companyId: c1 }));
    expect(json.funnels.map((f) => f.flow)).toEqual(["marketplace"]);
    const csv = await a.exportCSV({ range });
    const revenue = json.daily.reduce((n, d) => n + d.revenueXaf, 0);
    const csvRevenue = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .reduce((n, line) => n + Number(line.split(",")[5]), 0);
    expect(csvRevenue).toBe(revenue);

    const report = await a.renderReport({ period: "week", date: "2026-11-18", companyId: c1 });
    expect(report.subject).toBe(`TokTok (${c1}) — rapport de la semaine du 2026-11-16`);
    expect(report.figures.current).toEqual(await a.getSummary({ from: "2026-11-16", to: "2026-11-23", companyId: c1 }));
    expect(report.figures.current.revenueXaf).toBeLessThan(
      (await a.getSummary({ from: "2026-11-16", to: "2026-11-23" })).revenueXaf,
    );
    await a.close();
  });

  it("refuses a bad company id naming the field", async () => {
    const a = await scripted();
    await expect(a.getSummary({ companyId: "" })).rejects.toThrow(/"range.companyId"/);
    await expect(
      a.recordDispatch({
        day: "2026-11-20",
        companyId: 7 as unknown as string,
        total: 0,
        onTime: 0,
        late: 0,
        cancelled: 0,
        avgDelayMinutes: 0,
      }),
    ).rejects.toThrow(/"dispatch.companyId"/);
    await a.close();
  });
});
