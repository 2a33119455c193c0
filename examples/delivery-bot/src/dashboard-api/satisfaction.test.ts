import { Analytics } from "@toktok/analytics";
import type { MissionFeedback } from "@toktok/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingsToAnalytics } from "../bot/ratings.ts";
import { mintDashboardToken, mountDashboard } from "./index.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "test-secret-of-at-least-32-characters!!";
/** 18:00 in Brazzaville on Saturday 21 November 2026, the end of the scripted day. */
const NOW = Date.parse("2026-11-21T17:00:00Z");
const clock = { now: NOW };
let analytics: Analytics;
let server: { url: string; close(): Promise<void> };

/** A day of ratings as the feedback flow hands them to the bot's sink. */
function rate(hoursBeforeNow: number, missionId: string, rating: number, driver?: [string, string], comment?: string) {
  clock.now = NOW - hoursBeforeNow * 3_600_000;
  const feedback: MissionFeedback = {
    missionId,
    reference: `COUR-20261121-${missionId}`,
    clientPhone: `24206000${missionId.padStart(4, "0")}`,
    ...(driver ? { driverId: driver[0], driverName: driver[1] } : {}),
    rating,
    ...(comment ? { comment } : {}),
    at: new Date(clock.now).toISOString(),
  };
  ratingsToAnalytics(analytics).recordFeedback(feedback);
}

beforeAll(async () => {
  analytics = new Analytics({ now: () => clock.now });
  const jean: [string, string] = ["d1", "Jean"];
  const paul: [string, string] = ["d2", "Paul"];
  rate(30, "1", 1, jean); // the day before: outside `period=24h`
  rate(9, "2", 5, jean);
  rate(8, "3", 4, jean);
  rate(7, "4", 1, paul);
  rate(6, "4", 2, paul, "en retard"); // the same mission rated again: only this one counts
  rate(5, "5", 3, paul);
  rate(4, "6", 4); // no driver: in the totals, not per driver
  clock.now = NOW;
  const handler = mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET }, dashboardDir: "/nonexistent" });
  server = await serveOnLoopback(handler);
});
afterAll(async () => {
  await server?.close();
  await analytics?.close();
});

describe("GET /api/analytics/satisfaction", () => {
  it("equals the scripted day's satisfaction computed by hand", async () => {
    const token = await mintDashboardToken({ secret: SECRET });
    const res = await fetch(`${server.url}/api/analytics/satisfaction?period=24h`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // Missions 2 → 5, 3 → 4, 4 → 2 (its latest), 5 → 3, 6 → 4: 18 / 5 = 3.6; low (≤ 2): 1 of 5;
    // Jean (5 + 4) / 2 = 4.5; Paul (2 + 3) / 2 = 2.5.
    expect(await res.json()).toEqual({
      period: "24h",
      count: 5,
      average: 3.6,
      lowShare: 0.2,
      byDriver: { d1: { name: "Jean", count: 2, average: 4.5 }, d2: { name: "Paul", count: 2, average: 2.5 } },
    });
  });

  it("refuses an unknown period naming the field", async () => {
    const token = await mintDashboardToken({ secret: SECRET });
    const res = await fetch(`${server.url}/api/analytics/satisfaction?period=decade`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("period");
  });
});
