import type { Analytics } from "@toktok/analytics";
import { expect } from "vitest";
import { mintDashboardToken, mountDashboard } from "./index.ts";
import { serveOnLoopback } from "./test-server.ts";

// One scenario, run on the memory store (companies.test.ts) and on PostgreSQL (companies.int.test.ts):
// two merchants' orders and the operation's own courier missions, then each token's view.

const SECRET = "company-secret-of-at-least-32-characters";
/** Tuesday 10 March 2026, 10:00 in Brazzaville. */
const COMPANY_NOW = Date.parse("2026-03-10T09:00:00Z");

/** Tracks the scenario's events (an hour before {@link COMPANY_NOW}) and waits until they are stored. */
async function seedCompanies(analytics: Analytics): Promise<void> {
  const m1 = { companyId: "chez-mama" };
  const m2 = { companyId: "boulangerie-poto" };
  analytics.trackSessionStart("242060000001", "client", m1);
  analytics.trackMessage("242060000001", "text", m1);
  analytics.trackConversion("242060000001", "order", 8_000, {}, m1);
  analytics.trackMessage("242060000002", "text", m2);
  analytics.trackConversion("242060000002", "order", 3_500, {}, m2);
  analytics.trackConversion("242060000003", "order", 1_500, {}, m2);
  // The operation's own courier mission: no company, in the totals only.
  analytics.trackMessage("242060000004", "text");
  analytics.trackConversion("242060000004", "courier", 2_500);
  analytics.trackConversion("242060000005", "signup", 0);
  await analytics.sync();
}

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field
type Body = any;

/** Serves the dashboard over `analytics` and checks what an admin and each merchant's token read. */
async function checkCompanyIsolation(analytics: Analytics): Promise<void> {
  const server = await serveOnLoopback(
    mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET }, now: () => COMPANY_NOW }),
  );
  try {
    const admin = await mintDashboardToken({ secret: SECRET });
    const mama = await mintDashboardToken({ secret: SECRET, role: "entreprise", company: "chez-mama" });
    const noCompany = await mintDashboardToken({ secret: SECRET, role: "entreprise" });
    const call = (path: string, token: string, method = "GET") =>
      fetch(`${server.url}/api/analytics${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    const body = async (path: string, token: string): Promise<Body> => {
      const res = await call(path, token);
      expect(res.status, path).toBe(200);
      return res.json();
    };

    // The merchant reads its own company, whichever way it asks.
    const own = await body("/summary", mama);
    expect(own.companyId).toBe("chez-mama");
    expect(own.kpis).toMatchObject({ orders: 1, revenueXaf: 8_000, messages: 1 });
    expect((await body("/summary?company=chez-mama", mama)).kpis).toEqual(own.kpis);
    expect((await body("/dashboard/chez-mama", mama)).kpis).toEqual(own.kpis);
    expect((await body("/export.json", mama)).summary.revenueXaf).toBe(8_000);

    // Another company's figures: 403, never an empty 200.
    for (const path of [
      "/summary?company=boulangerie-poto",
      "/dashboard/boulangerie-poto",
      "/export.xlsx?company=boulangerie-poto",
    ]) {
      const res = await call(path, mama);
      expect(res.status, path).toBe(403);
      expect(await res.json()).toEqual({ error: "forbidden", message: "this token reads its own company only" });
    }
    // The operator's routes are the admin's; a merchant role without a company reads nothing.
    expect((await call("/alerts", mama)).status).toBe(403);
    expect((await call("/reports/send", mama, "POST")).status).toBe(403);
    expect((await call("/summary", noCompany)).status).toBe(403);

    // The admin reads any company, and the companies add up to the totals (plus the unscoped mission).
    const poto = await body("/dashboard/boulangerie-poto", admin);
    expect(poto.kpis).toMatchObject({ orders: 2, revenueXaf: 5_000 });
    expect((await body("/summary?company=boulangerie-poto", admin)).kpis).toEqual(poto.kpis);
    const all = await body("/summary", admin);
    expect(all.companyId).toBeUndefined();
    expect(all.kpis).toMatchObject({ orders: 3, missions: 1, revenueXaf: 8_000 + 5_000 + 2_500, registeredUsers: 1 });
    expect(own.kpis.orders + poto.kpis.orders).toBe(all.kpis.orders);
  } finally {
    await server.close();
  }
}

/**
 * The whole scenario on the analytics `open` makes with the given clock: seeded an hour before
 * {@link COMPANY_NOW}, then read at it; the analytics are closed after.
 */
export async function runCompanyScenario(open: (now: () => number) => Promise<Analytics>): Promise<void> {
  let now = COMPANY_NOW - 3_600_000;
  const analytics = await open(() => now);
  try {
    await seedCompanies(analytics);
    now = COMPANY_NOW;
    await checkCompanyIsolation(analytics);
  } finally {
    await analytics.close();
  }
}
