// A demo's dashboard tells the live session apart from the seeded history (issue 24): with
// DASHBOARD_LIVE_SINCE, /summary's KPI cards stop there and `live` holds what happened since.
import { Analytics } from "@toktok/analytics";
import { afterEach, describe, expect, it } from "vitest";
import { DashboardConfigError, mintDashboardToken, mountDashboard } from "./index.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "test-secret-of-at-least-32-characters!!";
const DAY = 86_400_000;
const LIVE_SINCE = Date.UTC(2026, 11, 5, 20, 0, 0);
let t = 0;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Three seeded orders on past days, then one live courier mission and one live order. */
async function played(): Promise<Analytics> {
  const analytics = new Analytics({ now: () => t });
  for (const [i, user] of ["242060000001", "242060000002", "242060000003"].entries()) {
    t = LIVE_SINCE - (i + 1) * DAY;
    analytics.trackSessionStart(user, "client");
    analytics.trackConversion(user, "order", 5_000);
  }
  t = LIVE_SINCE + 60_000;
  analytics.trackSessionStart("242061234567", "client");
  analytics.trackConversion("242061234567", "courier", 1_500);
  analytics.trackConversion("242061234567", "order", 8_000);
  t = LIVE_SINCE + 120_000;
  return analytics;
}

async function summary(env: Record<string, string>) {
  const analytics = await played();
  const server = await serveOnLoopback(mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET, ...env } }));
  close = async () => {
    await server.close();
    await analytics.close();
  };
  const token = await mintDashboardToken({ secret: SECRET });
  const res = await fetch(`${server.url}/api/analytics/summary?period=30d`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON as the page does
  return (await res.json()) as any;
}

describe("/summary in a demo (DASHBOARD_LIVE_SINCE)", () => {
  it("reports the seeded history and the live session apart", async () => {
    const body = await summary({ DASHBOARD_LIVE_SINCE: new Date(LIVE_SINCE).toISOString() });
    expect(body.kpis).toMatchObject({ orders: 3, missions: 0, revenueXaf: 15_000, sessions: 3 });
    expect(body.live).toEqual({
      since: "2026-12-05T20:00:00.000Z",
      kpis: expect.objectContaining({ orders: 1, missions: 1, revenueXaf: 9_500, sessions: 1 }),
    });
  });

  it("without it, one set of figures and no live part", async () => {
    const body = await summary({});
    expect(body.kpis).toMatchObject({ orders: 4, missions: 1, revenueXaf: 24_500 });
    expect(body.live).toBeUndefined();
  });

  it("refuses a value that is not an ISO time, naming the variable", () => {
    const analytics = new Analytics();
    const mount = () =>
      mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET, DASHBOARD_LIVE_SINCE: "hier soir" } as never });
    expect(mount).toThrow(DashboardConfigError);
    expect(mount).toThrow(/env\.DASHBOARD_LIVE_SINCE/);
  });
});
