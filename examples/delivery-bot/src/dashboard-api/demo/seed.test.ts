import { Analytics } from "@toktok/analytics";
import { MemoryBackend } from "@toktok/flows";
import { describe, expect, it } from "vitest";
import { BUILT_IN_FUNNEL_STEPS } from "../funnel-steps.ts";
import { mountDashboard } from "../mount.ts";
import { serveOnLoopback } from "../test-server.ts";
import { createDemoClock, localTime } from "./demo-clock.ts";
import { dashboardLink, formatDashboardLink, withDemoDashboardSecret } from "./link.ts";
import { seedDemoConversations } from "./seed.ts";

const seeded = async (seed = 7) => {
  const clock = createDemoClock();
  const analytics = new Analytics({ now: clock.now });
  const backend = new MemoryBackend({ now: clock.now });
  const report = await seedDemoConversations({ analytics, clock, days: 7, customersPerDay: 8, seed, backend });
  return { clock, analytics, backend, report };
};

describe("seedDemoConversations", () => {
  it("plays a week through the real flows without a script failure, and releases the clock", async () => {
    const { clock, analytics, backend, report } = await seeded();
    try {
      expect(report.failures).toEqual([]);
      expect(report.days).toBe(7);
      expect(report.missions).toBeGreaterThan(5);
      expect(report.orders).toBeGreaterThan(5);
      expect(report.deliveries).toBeGreaterThan(3);
      expect(report.outcomes.abandoned).toBeGreaterThan(0);
      expect(clock.seeding).toBe(false);
      expect(Math.abs(clock.now() - Date.now())).toBeLessThan(60_000);

      // What the engine reported is what the backend holds: nothing was inserted beside the flows.
      const summary = await analytics.getSummary();
      const missions = await backend.missions.list({});
      const orders = await backend.orders.list({});
      expect(summary.conversions.byType.courier?.count).toBe(missions.length);
      expect(summary.conversions.byType.order?.count).toBe(orders.length);
      expect(summary.conversions.byType.courier?.revenueXaf).toBe(missions.reduce((s, m) => s + m.price, 0));
      expect(summary.conversions.byType.order?.revenueXaf).toBe(orders.reduce((s, o) => s + o.total, 0));
      expect(report.missions).toBe(missions.length);
      expect(missions.filter((m) => m.status === "delivered")).toHaveLength(report.deliveries);
      expect(summary.sessions.byRole.livreur).toBeGreaterThan(0);
      expect(summary.responseTime.count).toBe(summary.messages.total);

      // History spread over the week, a funnel per flow, dispatch days with a quality score.
      const daily = await analytics.getDailyStats({ from: Date.now() - 6 * 86_400_000, to: Date.now() });
      expect(daily.filter((d) => d.messages > 0).length).toBeGreaterThanOrEqual(6);
      const courier = await analytics.getFunnel("courier", { steps: BUILT_IN_FUNNEL_STEPS.courier });
      expect(courier.entered).toBeGreaterThan(courier.completed);
      expect(courier.completed).toBeGreaterThan(0);
      const dispatch = await analytics.getDispatch({ from: Date.now() - 6 * 86_400_000, to: Date.now() });
      expect(dispatch.length).toBeGreaterThanOrEqual(5);
      expect(await analytics.qualityScore(dispatch[0]?.day ?? "")).toEqual(expect.any(Number));
    } finally {
      await analytics.close();
    }
  });

  it("is deterministic for a seed", async () => {
    const a = await seeded(11);
    const b = await seeded(11);
    try {
      const strip = (r: typeof a.report) => ({ ...r, failures: r.failures.length });
      expect(strip(a.report)).toEqual(strip(b.report));
    } finally {
      await a.analytics.close();
      await b.analytics.close();
    }
  });

  it("given the demo's simulation, records one day into the bot's analytics at the real time", async () => {
    const analytics = new Analytics();
    try {
      const before = Date.now();
      const report = await seedDemoConversations({ bot: { analytics } });
      expect(report.failures).toEqual([]);
      expect(report.days).toBe(1);
      const summary = await analytics.getSummary({ from: before });
      expect(summary.sessions.total).toBeGreaterThanOrEqual(report.conversations);
      expect(summary.conversions.byType.courier?.count).toBe(report.missions);
      await expect(seedDemoConversations({} as never)).rejects.toThrow(/Analytics instance/);
    } finally {
      await analytics.close();
    }
  });
});

describe("dashboardLink", () => {
  it("mints an admin token the dashboard accepts and a URL that carries it in the fragment", async () => {
    const env = withDemoDashboardSecret({});
    expect(env.DASHBOARD_JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(withDemoDashboardSecret({ DASHBOARD_JWT_SECRET: "x".repeat(40) }).DASHBOARD_JWT_SECRET).toBe("x".repeat(40));
    const analytics = new Analytics();
    const server = await serveOnLoopback(mountDashboard({ analytics, env }));
    try {
      const link = await dashboardLink({ baseUrl: server.url, env });
      expect(link.pageUrl).toBe(`${server.url}/dashboard`);
      expect(link.url).toBe(`${server.url}/dashboard#token=${link.token}`);
      expect(formatDashboardLink(link)).toContain(link.url);
      const res = await fetch(`${server.url}/api/analytics/summary`, {
        headers: { authorization: `Bearer ${link.token}` },
      });
      expect(res.status).toBe(200);
      await expect(dashboardLink({ baseUrl: "not a url", env })).rejects.toThrow(/baseUrl/);
      await expect(dashboardLink({ baseUrl: server.url, env: {} })).rejects.toThrow(/DASHBOARD_JWT_SECRET/);
    } finally {
      await server.close();
      await analytics.close();
    }
  });

  it("localTime gives local wall-clock times in the zone", () => {
    expect(new Date(localTime("2026-03-10", 8 * 60, "Africa/Brazzaville")).toISOString()).toBe(
      "2026-03-10T07:00:00.000Z",
    );
    expect(new Date(localTime("2026-07-01", 0, "Europe/Paris")).toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});
