// A scripted day of missions driven through the dispatcher (accept, delivery, cancellation) into a real
// Analytics, their customer rating each delivery through the feedback flow (the bot's rating sink), read
// back over HTTP through the dashboard API: the quality score, the completions, the revenue and the
// satisfaction equal the values computed by hand below, from that one day.
import { Analytics } from "@toktok/analytics";
import {
  createDispatcher,
  type Driver,
  feedbackFlow,
  MemoryBackend,
  MemoryDispatchStore,
  MemoryJobQueue,
} from "@toktok/flows";
import { createTestConversation, RecordingMessenger } from "@toktok/flows/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingsToAnalytics } from "../bot/ratings.ts";
import { mintDashboardToken, mountDashboard } from "../dashboard-api/index.ts";
import { serveOnLoopback } from "../dashboard-api/test-server.ts";

const SECRET = "test-secret-of-at-least-32-characters!!";
const pickup = { address: "Poto-Poto", latitude: -4.2634, longitude: 15.2832 };
// 6 km due south: 18 min at the default 20 km/h.
const destination = { address: "Bacongo", latitude: -4.2634 - 6 / 111.2, longitude: 15.2832 };
const driver: Driver = { id: "d1", name: "Jean", phone: "242060000001" };
const steps = ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const;
const CLIENT = "242069990000";
/** How the customer rates the three deliveries, in order, with the feedback buttons (😊 5, 😐 3, 😞 1). */
const GRADES = ["good", "ok", "bad"] as const;

describe("the dashboard API reads a day of real missions", () => {
  let clock = Date.parse("2026-11-19T08:00:00Z"); // Thursday 09:00 in Brazzaville
  const now = () => clock;
  const analytics = new Analytics({ now });
  let server: { url: string; close(): Promise<void> };
  let token: string;
  const prices: number[] = [];
  const references: string[] = [];

  beforeAll(async () => {
    const backend = new MemoryBackend({ now });
    const timers = new MemoryJobQueue();
    const dispatcher = createDispatcher({
      backend,
      store: new MemoryDispatchStore({ now }),
      timers,
      messenger: new RecordingMessenger(),
      analytics,
      now,
      lateMarginMs: 5 * 60_000,
    });
    await dispatcher.setOnline(driver, true);
    await dispatcher.locate(driver, pickup);
    const create = () =>
      backend.missions.create({
        clientPhone: CLIENT,
        pickup,
        destination,
        parcelValue: 0,
        description: "colis",
        recipient: { name: "Marie", phone: "242068880000" },
      });
    const run = async (assignAfter: number, deliverAfter: number) => {
      const m = await create();
      clock += assignAfter * 60_000;
      await dispatcher.accept(m.id, driver);
      for (const s of steps.slice(0, -1)) await backend.missions.updateStatus(m.id, s);
      clock += deliverAfter * 60_000;
      const done = await backend.missions.updateStatus(m.id, "delivered");
      prices.push(done.price);
      references.push(done.reference);
      await dispatcher.closed(done);
    };
    await run(4, 16); // promised 18 min: on time
    await run(2, 20); // 2 min late: within the 5 min grace, on time
    await run(6, 27); // 9 min late: late
    await dispatcher.closed(await backend.missions.updateStatus((await create()).id, "cancelled"));
    await timers.close();
    // The customer answers each delivery's rating buttons, then skips the comment.
    const chat = createTestConversation({
      flows: [feedbackFlow({ backend, sink: ratingsToAnalytics(analytics) })],
      user: CLIENT,
      startAt: clock,
    });
    for (const [i, grade] of GRADES.entries()) {
      const turn = await chat.deliver({ type: "button", payload: `feedback:${references[i]}:${grade}`, text: grade });
      expect(turn.text).toContain("/5");
      await chat.send("passer");
    }
    server = await serveOnLoopback(mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: SECRET }, now }));
    token = await mintDashboardToken({ secret: SECRET });
  });
  afterAll(async () => {
    await server?.close();
    await analytics.close();
  });

  const getJson = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };

  it("quality score and completions as computed by hand", async () => {
    // By hand: total 4, on time 2, late 1 (9 min), cancelled 1.
    // 2/4 × 50 + max(0, 30 − 9/15 × 30) + max(0, 20 − 1/4 × 100) = 25 + 12 + 0 = 37
    const quality = (await getJson("/api/analytics/quality?from=2026-11-19&to=2026-11-19")) as {
      days: Array<{ day: string; score: number; total: number; onTimeRate: number }>;
    };
    expect(quality.days).toEqual([
      expect.objectContaining({ day: "2026-11-19", score: 37, total: 4, onTimeRate: 0.5 }),
    ]);
    const summary = (await getJson("/api/analytics/summary?period=24h")) as {
      summary: { conversions: { byType: Record<string, unknown> } };
    };
    expect(summary.summary.conversions.byType.mission_completed).toEqual({
      count: 3,
      revenueXaf: prices.reduce((a, b) => a + b, 0),
    });
  });

  it("satisfaction of the same day on the KPI cards and /satisfaction, as computed by hand", async () => {
    // By hand: 3 ratings (5, 3, 1) → average 9/3 = 3; 1 of 3 is 2 or less → 1/3; all for Jean (d1).
    const { kpis } = (await getJson("/api/analytics/summary?period=24h")) as { kpis: Record<string, unknown> };
    expect(kpis).toMatchObject({ ratings: 3, satisfaction: 3, lowRatingShare: 1 / 3 });
    expect(await getJson("/api/analytics/satisfaction?period=24h")).toEqual({
      period: "24h",
      count: 3,
      average: 3,
      lowShare: 1 / 3,
      byDriver: { d1: { name: "Jean", count: 3, average: 3 } },
    });
  });
});
