// A scripted day of missions driven through the dispatcher (accept, delivery, cancellation) into a real
// Analytics, read back over HTTP through the dashboard API: the quality score, the completions and the
// revenue equal the values computed by hand below.
import { Analytics } from "@toktok/analytics";
import { createDispatcher, type Driver, MemoryBackend, MemoryDispatchStore, MemoryJobQueue } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintDashboardToken, mountDashboard } from "../dashboard-api/index.ts";
import { serveOnLoopback } from "../dashboard-api/test-server.ts";

const SECRET = "test-secret-of-at-least-32-characters!!";
const pickup = { address: "Poto-Poto", latitude: -4.2634, longitude: 15.2832 };
// 6 km due south: 18 min at the default 20 km/h.
const destination = { address: "Bacongo", latitude: -4.2634 - 6 / 111.2, longitude: 15.2832 };
const driver: Driver = { id: "d1", name: "Jean", phone: "242060000001" };
const steps = ["pickup_arrived", "picked_up", "in_transit", "arrived", "delivered"] as const;

describe("the dashboard API reads a day of real missions", () => {
  let clock = Date.parse("2026-11-19T08:00:00Z"); // Thursday 09:00 in Brazzaville
  const now = () => clock;
  const analytics = new Analytics({ now });
  let server: { url: string; close(): Promise<void> };
  let token: string;
  const prices: number[] = [];

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
        clientPhone: "242069990000",
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
      await dispatcher.closed(done);
    };
    await run(4, 16); // promised 18 min: on time
    await run(2, 20); // 2 min late: within the 5 min grace, on time
    await run(6, 27); // 9 min late: late
    await dispatcher.closed(await backend.missions.updateStatus((await create()).id, "cancelled"));
    await timers.close();
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
});
