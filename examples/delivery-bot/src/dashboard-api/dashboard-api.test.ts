import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Analytics } from "@toktok/analytics";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardConfigError, mintDashboardToken, mountDashboard } from "./index.ts";
import { SCRIPTED_NOW, scriptedDay } from "./scripted-day.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "test-secret-of-at-least-32-characters!!";
let analytics: Analytics;
let server: { url: string; close(): Promise<void> };
let admin: string;
let pageDir: string;

/** `token: null` sends no Authorization header. */
const get = (path: string, token: string | null = admin, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
// biome-ignore lint/suspicious/noExplicitAny: tests read the API's JSON as the page does, field by field
type Body = any;
const json = (res: Response): Promise<Body> => res.json();
const getJson = async (path: string): Promise<Body> => {
  const res = await get(path);
  expect(res.status, `${path} → ${res.status}`).toBe(200);
  return json(res);
};

beforeAll(async () => {
  analytics = await scriptedDay();
  pageDir = await mkdtemp(join(tmpdir(), "dashboard-page-"));
  await writeFile(join(pageDir, "index.html"), "<!doctype html><title>TokTok</title>");
  const handler = mountDashboard({
    analytics,
    env: { DASHBOARD_JWT_SECRET: SECRET },
    dashboardDir: pageDir,
    funnelSteps: { courier: ["start", "pickup", "destination", "confirm"] },
  });
  server = await serveOnLoopback(handler);
  admin = await mintDashboardToken({ secret: SECRET });
});
afterAll(async () => {
  await server?.close();
  await analytics?.close();
});

describe("authentication", () => {
  it("401 without a token, with no data", async () => {
    const res = await get("/api/analytics/summary", null);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer error="unauthorized"');
    expect(await json(res)).toEqual({ error: "unauthorized", message: "missing bearer token" });
  });

  it("403 for a valid token without the admin role", async () => {
    const token = await mintDashboardToken({ secret: SECRET, role: "livreur" });
    const res = await get("/api/analytics/summary", token);
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({ error: "forbidden", message: 'the "admin" role is required' });
  });

  it("401 token_expired for an expired admin token", async () => {
    const token = await mintDashboardToken({ secret: SECRET, now: Date.now() - 3_600_000, ttlSeconds: 60 });
    const res = await get("/api/analytics/export.csv", token);
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body).toEqual({ error: "token_expired", message: "token expired" });
  });

  it("401 for another secret, no exp, alg none, garbage, and a Basic header", async () => {
    const forged = await mintDashboardToken({ secret: "another-secret-of-at-least-32-characters" });
    const key = new TextEncoder().encode(SECRET);
    const noExp = await new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).sign(key);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const unsigned = `${b64({ alg: "none" })}.${b64({ role: "admin", exp: 4_102_444_800 })}.`;
    for (const token of [forged, noExp, unsigned, "not.a.jwt", `${admin.slice(0, -4)}AAAA`]) {
      const res = await get("/api/analytics/summary", token);
      expect(res.status).toBe(401);
      expect((await json(res)).error).toBe("invalid_token");
    }
    const basic = await fetch(`${server.url}/api/analytics/summary`, { headers: { authorization: `Basic ${admin}` } });
    expect(basic.status).toBe(401);
  });

  it("refuses unknown paths only after authentication (no route discovery)", async () => {
    expect((await get("/api/analytics/secret-route", null)).status).toBe(401);
    expect((await get("/api/analytics/secret-route")).status).toBe(404);
  });

  it("verifies RS256 tokens with DASHBOARD_JWT_PUBLIC_KEY and refuses HS256 ones there", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pub = publicKey.export({ type: "spki", format: "pem" }).toString();
    const priv = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const rs = await serveOnLoopback(mountDashboard({ analytics, env: { DASHBOARD_JWT_PUBLIC_KEY: pub } }));
    try {
      const good = await mintDashboardToken({ privateKeyPem: priv });
      const ok = await fetch(`${rs.url}/api/analytics/summary`, { headers: { authorization: `Bearer ${good}` } });
      expect(ok.status).toBe(200);
      const hs = await fetch(`${rs.url}/api/analytics/summary`, { headers: { authorization: `Bearer ${admin}` } });
      expect(hs.status).toBe(401);
    } finally {
      await rs.close();
    }
  });

  it("will not mount without a key, with a short secret or a non-RSA key", () => {
    expect(() => mountDashboard({ analytics, env: {} })).toThrow(DashboardConfigError);
    expect(() => mountDashboard({ analytics, env: { DASHBOARD_JWT_SECRET: "short" } })).toThrow(
      /DASHBOARD_JWT_SECRET.*at least 32/,
    );
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ec = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(() => mountDashboard({ analytics, env: { DASHBOARD_JWT_PUBLIC_KEY: ec } })).toThrow(/RSA public key/);
  });
});

describe("query validation", () => {
  const cases: Array<[string, string]> = [
    ["/api/analytics/summary?period=2y", "period"],
    ["/api/analytics/summary?period=24h&period=7d", "period"],
    ["/api/analytics/summary?limit=5", "limit"],
    ["/api/analytics/daily?from=2026-02-30", "from"],
    ["/api/analytics/daily?from=2026-03-10&to=2026-03-01", "from"],
    ["/api/analytics/daily?from=2024-01-01&to=2026-03-01", "from"],
    ["/api/analytics/daily?to=yesterday", "to"],
    ["/api/analytics/funnels/courier?steps=start", "steps"],
    ["/api/analytics/funnels/courier?steps=start,,confirm", "steps.1"],
    ["/api/analytics/funnels/a%20b", "flow"],
    ["/api/analytics/report?period=month", "period"],
    ["/api/analytics/export.csv?table=users", "table"],
    ["/api/analytics/insights?x=1", "x"],
  ];
  for (const [path, field] of cases) {
    it(`400 naming "${field}" for ${path.replace("/api/analytics", "")}`, async () => {
      const res = await get(path);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error).toMatch(/^invalid_(query|path)$/);
      expect(body.field).toBe(field);
      expect(body.message.startsWith(`${field}: `)).toBe(true);
    });
  }

  it("405 for anything but GET/HEAD (POST on the two acting routes only), and false for paths it does not own", async () => {
    const res = await fetch(`${server.url}/api/analytics/summary`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect((await get("/webhook")).status).toBe(404);
    expect(await (await get("/webhook")).text()).toBe("not found");
  });
});

describe("the scripted day (fixed clock: 2026-03-10 10:00 Brazzaville)", () => {
  it("summary of the last 24 h", async () => {
    const body = await getJson("/api/analytics/summary?period=24h");
    expect([body.period, body.today, body.timeZone]).toEqual(["24h", "2026-03-10", "Africa/Brazzaville"]);
    expect(body.kpis).toEqual({
      sessions: 4,
      activeSessions: 3,
      activeUsers: 4,
      missions: 1,
      orders: 1,
      revenueXaf: 14_500,
      errorRate: 0.1,
      messages: 10,
      // The dispatch days of the period (Monday 10 rides, Tuesday 25 with 1 cancelled); nobody signed up.
      missionSuccessRate: 34 / 35,
      registeredUsers: 0,
      // Nobody rated a delivery: no satisfaction figure rather than an average of 0.
      ratings: 0,
      satisfaction: null,
      lowRatingShare: null,
    });
    expect(body.summary.sessions.byRole).toEqual({ client: 3, livreur: 1, entreprise: 0 });
    expect(body.summary.messages.byType).toEqual({ button_reply: 1, list_reply: 2, text: 7 });
    expect(body.summary.conversions.byType).toEqual({
      courier: { count: 1, revenueXaf: 2500 },
      order: { count: 1, revenueXaf: 12000 },
    });
    expect(body.summary.responseTime).toMatchObject({ count: 3, avgMs: 200 });
    expect(body.summary.range.to).toBe(new Date(SCRIPTED_NOW + 1).toISOString());
  });

  it("summary of 7 days includes Monday's order; `all` the same", async () => {
    for (const period of ["7d", "all"]) {
      const { kpis } = await getJson(`/api/analytics/summary?period=${period}`);
      expect(kpis).toMatchObject({
        sessions: 5,
        activeUsers: 5,
        orders: 2,
        missions: 1,
        revenueXaf: 19_500,
        messages: 11,
      });
    }
  });

  it("the courier funnel in the app's step order, with drop-offs", async () => {
    const { funnel } = await getJson("/api/analytics/funnels/courier?period=24h");
    expect(
      funnel.steps.map((s: { step: string; users: number; dropOffPct: number }) => [s.step, s.users, s.dropOffPct]),
    ).toEqual([
      ["start", 2, 0],
      ["pickup", 2, 0],
      ["destination", 1, 50],
      ["confirm", 1, 0],
    ]);
    expect(funnel).toMatchObject({
      entered: 2,
      completed: 1,
      completionPct: 50,
      worstDropOff: { step: "destination" },
    });
  });

  it("every flow's funnel, and explicit steps override the configured order", async () => {
    const { funnels } = await getJson("/api/analytics/funnels?period=7d");
    expect(
      funnels.map((f: { flow: string; entered: number; completed: number }) => [f.flow, f.entered, f.completed]),
    ).toEqual([
      ["courier", 2, 1],
      ["marketplace", 1, 1],
    ]);
    const { funnel } = await getJson("/api/analytics/funnels/courier?steps=start,confirm");
    expect(funnel.steps.map((s: { users: number }) => s.users)).toEqual([2, 1]);
  });

  it("daily rows of Monday and Tuesday", async () => {
    const body = await getJson("/api/analytics/daily?from=2026-03-09&to=2026-03-10");
    expect(body).toEqual({
      from: "2026-03-09",
      to: "2026-03-10",
      timeZone: "Africa/Brazzaville",
      days: [
        {
          period: "2026-03-09",
          sessions: 1,
          activeUsers: 1,
          messages: 1,
          conversions: 1,
          revenueXaf: 5000,
          errors: 0,
          errorRate: 0,
          avgResponseMs: 0,
        },
        {
          period: "2026-03-10",
          sessions: 4,
          activeUsers: 4,
          messages: 10,
          conversions: 2,
          revenueXaf: 14_500,
          errors: 1,
          errorRate: 0.1,
          avgResponseMs: 200,
        },
      ],
    });
  });

  it("daily defaults to the 30 days ending today", async () => {
    const body = await getJson("/api/analytics/daily");
    expect([body.from, body.to, body.days.length]).toEqual(["2026-02-09", "2026-03-10", 30]);
  });

  it("quality score per recorded day", async () => {
    const { days } = await getJson("/api/analytics/quality?from=2026-03-01&to=2026-03-10");
    expect(days.map((d: { day: string; score: number; total: number }) => [d.day, d.score, d.total])).toEqual([
      ["2026-03-09", 100, 10],
      ["2026-03-10", 78, 25],
    ]);
  });

  it("alerts: the error-rate rule fires, the revenue one does not", async () => {
    const body = await getJson("/api/analytics/alerts");
    expect(body.evaluatedAt).toBe(new Date(SCRIPTED_NOW).toISOString());
    expect(body.active).toHaveLength(1);
    expect(body.active[0]).toMatchObject({ rule: "taux-erreur", severity: "critical", value: 0.1, reference: 0.05 });
    expect(body.rules.map((r: { name: string; active: boolean }) => [r.name, r.active])).toEqual([
      ["taux-erreur", true],
      ["revenu-faible", false],
    ]);
  });

  it("insights is a list", async () => {
    const body = await getJson("/api/analytics/insights");
    expect(Array.isArray(body.insights)).toBe(true);
  });

  it("CSV export of 7 days as an attachment, Tuesday's exact row", async () => {
    const res = await get("/api/analytics/export.csv?period=7d");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="toktok-daily-7d-2026-03-10.csv"');
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      "day,sessions,active_users,messages,conversions,revenue_xaf,errors,error_rate,avg_response_ms",
    );
    expect(lines).toHaveLength(1 + 8);
    expect(lines.at(-1)).toBe("2026-03-10,4,4,10,2,14500,1,0.1,200");
    expect(lines.at(-2)).toBe("2026-03-09,1,1,1,1,5000,0,0,0");
  });

  it("JSON export carries the same summary", async () => {
    const body = await getJson("/api/analytics/export.json?period=7d");
    expect(body.range).toEqual({ from: "2026-03-03", to: "2026-03-10" });
    expect(body.summary.revenueXaf).toBe(19_500);
    expect(body.dispatch).toHaveLength(2);
  });

  it("HTML report of the day, locked down by CSP", async () => {
    const res = await get("/api/analytics/report?period=day&date=2026-03-10");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/<html/i);
    expect(html).toContain("14 500");
  });
});

describe("caching and the page", () => {
  it("answers are reused within the TTL, then recomputed", async () => {
    let t = SCRIPTED_NOW;
    const { Analytics } = await import("@toktok/analytics");
    const live = new Analytics({ now: () => t });
    const handler = mountDashboard({ analytics: live, env: { DASHBOARD_JWT_SECRET: SECRET }, cacheTtlMs: 60_000 });
    const s = await serveOnLoopback(handler);
    try {
      const read = async () =>
        (await json(await fetch(`${s.url}/api/analytics/summary`, { headers: { authorization: `Bearer ${admin}` } })))
          .kpis.messages;
      expect(await read()).toBe(0);
      live.trackMessage("242060000001", "text");
      expect(await read()).toBe(0); // cached
      const other = await fetch(`${s.url}/api/analytics/summary?period=7d`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect((await json(other)).kpis.messages).toBe(1); // another key is computed afresh
      t += 1;
    } finally {
      await s.close();
      await live.close();
    }
  });

  it("serves the built page at /dashboard without a token, with a strict CSP", async () => {
    for (const path of ["/dashboard", "/dashboard/", "/dashboard/funnels"]) {
      const res = await get(path, null);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await res.text()).toContain("<title>TokTok</title>");
    }
    expect((await get("/dashboard/assets/missing.js", null)).status).toBe(404);
    expect((await get("/dashboard/assets/..%2F..%2Fetc%2Fpasswd", null)).status).toBe(404);
  });

  it("503 with the build command when the page was not built", async () => {
    const handler = mountDashboard({
      analytics,
      env: { DASHBOARD_JWT_SECRET: SECRET },
      dashboardDir: join(pageDir, "nope"),
    });
    const s = await serveOnLoopback(handler);
    try {
      const res = await fetch(`${s.url}/dashboard`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("build:dashboard");
    } finally {
      await s.close();
    }
  });
});
