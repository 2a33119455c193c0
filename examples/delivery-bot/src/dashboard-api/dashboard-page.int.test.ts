// The dashboard page end to end in real headless Chromium (Debian's `chromium`, installed by
// .ci/tools.d/chromium.sh) driven by playwright-core — no browser download. The page is built from
// source into a temp dir first, so the test never runs a stale bundle.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Analytics } from "@toktok/analytics";
import { Analytics as AnalyticsClass } from "@toktok/analytics";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatRate, formatXaf } from "../../dashboard/src/format.ts";
import { ratingsToAnalytics } from "../bot/ratings.ts";
import { startSimulation } from "../demo/simulation.ts";
import { mintOperatorToken } from "../inbox/operator-token.ts";
import { deliver, inboxApi } from "../inbox/test-support.ts";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, requireChromium } from "../test-support/chromium.ts";
import {
  BUILT_IN_FUNNEL_STEPS,
  createDemoClock,
  dashboardLink,
  mintDashboardToken,
  mountDashboard,
  seedDemoConversations,
} from "./index.ts";
import { SCRIPTED_NOW, scriptedDay } from "./scripted-day.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "e2e-secret-of-at-least-32-characters-long";
const exampleDir = fileURLToPath(new URL("../../", import.meta.url));
const shots = fileURLToPath(new URL("../../../../test-output/dashboard/", import.meta.url));
requireChromium("the dashboard browser test");

/** The figures the API gives, the way the page must print them. */
type Body = Record<string, unknown> & { kpis: Record<string, number> };

describe.skipIf(!hasChromium)("dashboard page in Chromium", () => {
  let analytics: Analytics;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let admin: string;
  let pageDir: string;

  const api = async (path: string): Promise<Response> => {
    const res = await fetch(`${server.url}/api/analytics${path}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return res;
  };
  const kpi = (name: string) => page.locator(`[data-kpi="${name}"]`).first();
  const expectKpis = async (k: Record<string, number>) => {
    await expect.poll(() => kpi("revenueXaf").textContent()).toBe(formatXaf(k.revenueXaf ?? Number.NaN));
    expect(await kpi("sessions").textContent()).toBe(formatCount(k.sessions ?? Number.NaN));
    expect(await kpi("activeSessions").textContent()).toBe(formatCount(k.activeSessions ?? Number.NaN));
    expect(await kpi("activeUsers").textContent()).toBe(formatCount(k.activeUsers ?? Number.NaN));
    expect(await kpi("missions").textContent()).toBe(formatCount(k.missions ?? Number.NaN));
    expect(await kpi("orders").textContent()).toBe(formatCount(k.orders ?? Number.NaN));
    expect(await kpi("errorRate").textContent()).toBe(formatRate(k.errorRate ?? Number.NaN, "fr"));
    expect(await kpi("registeredUsers").textContent()).toBe(formatCount(k.registeredUsers ?? Number.NaN));
    expect(await kpi("missionSuccessRate").textContent()).toBe(
      k.missionSuccessRate === null || k.missionSuccessRate === undefined
        ? "—"
        : formatRate(k.missionSuccessRate, "fr"),
    );
    expect(await kpi("ratings").textContent()).toBe(formatCount(k.ratings ?? Number.NaN));
    expect(await kpi("satisfaction").textContent()).toBe(
      k.satisfaction === null || k.satisfaction === undefined ? "—" : `${String(k.satisfaction).replace(".", ",")} / 5`,
    );
  };
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const noHorizontalScroll = () =>
    // Strings run in the page: this file is typed for Node, without the DOM lib.
    page.evaluate<boolean>("document.documentElement.scrollWidth <= document.documentElement.clientWidth");

  beforeAll(async () => {
    pageDir = await mkdtemp(join(tmpdir(), "dashboard-e2e-"));
    // vite's package.json does not export its bin: resolve the package root, then the file.
    const viteRoot = dirname(createRequire(join(exampleDir, "package.json")).resolve("vite/package.json"));
    const vite = join(viteRoot, "bin", "vite.js");
    await promisify(execFile)(
      process.execPath,
      [
        vite,
        "build",
        "--config",
        "dashboard/vite.config.ts",
        "--outDir",
        pageDir,
        "--emptyOutDir",
        "--logLevel",
        "warn",
      ],
      { cwd: exampleDir },
    );
    await mkdir(shots, { recursive: true });
    analytics = await scriptedDay();
    // The day's payments, at its last instant: two paid (MoMo 5 000, Airtel 3 000), one refused for funds.
    const pay = analytics.trackPayment.bind(analytics);
    pay("242060000001", { paymentId: "e2e-p1", method: "mtn_momo", status: "succeeded", amountXaf: 5000 });
    pay("242060000002", { paymentId: "e2e-p2", method: "airtel_money", status: "succeeded", amountXaf: 3000 });
    const refused = { status: "failed", amountXaf: 2000, reason: "insufficient_funds" } as const;
    pay("242060000001", { paymentId: "e2e-p3", method: "mtn_momo", ...refused });
    // A cash order, recorded as paid at once: it must not lift the Mobile Money success rate.
    pay("242060000002", { paymentId: "e2e-c1", method: "cash", status: "succeeded", amountXaf: 1500 });
    // The day's ratings, as the feedback flow hands them to the bot's sink (the day's own customers).
    const rate = ratingsToAnalytics(analytics);
    const feedback = (missionId: string, clientPhone: string, rating: number, driver?: [string, string]) =>
      rate.recordFeedback({
        missionId,
        reference: `COUR-20260310-${missionId}`,
        clientPhone,
        rating,
        ...(driver ? { driverId: driver[0], driverName: driver[1] } : {}),
        at: new Date(SCRIPTED_NOW).toISOString(),
      });
    feedback("m1", "242060000001", 5, ["d-jean", "Jean Malonga"]);
    feedback("m2", "242060000002", 4, ["d-jean", "Jean Malonga"]);
    feedback("m3", "242060000001", 2, ["d-paul", "Paul Ngoma"]);
    feedback("m4", "242060000002", 3);
    server = await serveOnLoopback(
      mountDashboard({
        analytics,
        env: { DASHBOARD_JWT_SECRET: SECRET },
        dashboardDir: pageDir,
        cacheTtlMs: 1,
        funnelSteps: { courier: ["start", "pickup", "destination", "confirm"] },
      }),
    );
    admin = await mintDashboardToken({ secret: SECRET });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    // Fake timers from the first script on, so the 30 s refresh can be fast-forwarded; time still flows.
    await page.clock.install();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await analytics?.close();
    if (pageDir) await rm(pageDir, { recursive: true, force: true });
  });

  it("refuses a token without the admin role at the sign-in screen", async () => {
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Connexion opérateur");
    await shot("sign-in");
    await page.fill("#token", await mintDashboardToken({ secret: SECRET, role: "livreur" }));
    await page.click("button[type=submit]");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Ce jeton n'a pas le rôle administrateur.");
  });

  it("signs in and shows the API's KPI values (24 h)", async () => {
    await page.fill("#token", admin);
    await page.click("button[type=submit]");
    const { kpis } = (await (await api("/summary?period=24h")).json()) as Body;
    await expectKpis(kpis);
    expect(await kpi("revenueXaf").textContent()).toBe("14 500 FCFA");
    // The payments card: 2 paid of 3 settled, by hand; the payments never add to the revenue above.
    const payments = (await (await api("/payments?period=24h")).json()) as { successRate: number };
    expect(payments.successRate).toBe(2 / 3);
    const success = page.locator("[data-testid=payments-success]");
    await expect.poll(() => success.textContent()).toBe(formatRate(payments.successRate, "fr"));
    expect(await success.textContent()).toBe("66,7 %");
    expect(await page.locator("[data-testid=payments-settled]").textContent()).toBe("2 / 3");
    expect(await page.locator("[data-testid=payments]").textContent()).toContain("MTN MoMo5 000 FCFA");
    await page.locator("[data-testid=chart-revenue] canvas").waitFor();
    await page.locator("[data-alert=taux-erreur]").waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    await shot("overview");
  });

  it("switches the period to 7 days and follows the API", async () => {
    await page.click('button[data-period="7d"]');
    const { kpis } = (await (await api("/summary?period=7d")).json()) as Body;
    expect(kpis.revenueXaf).toBe(19_500);
    await expectKpis(kpis);
    expect(await page.getAttribute('button[data-period="7d"]', "aria-pressed")).toBe("true");
  });

  it("opens the courier funnel: bars with each step's users and drop-off", async () => {
    await page.click("[data-tab=funnels]");
    const card = page.locator("article.funnel-card", { hasText: "courier" });
    await card.getByRole("button", { name: "Détails" }).click();
    const funnel = page.locator('ol.funnel[data-flow="courier"]');
    await funnel.waitFor();
    expect(await funnel.locator("li").count()).toBe(4);
    expect(await funnel.locator('[data-step-users="destination"]').textContent()).toBe("1 utilisateurs");
    expect(await funnel.locator('[data-step-dropoff="destination"]').textContent()).toBe("−50,0 % abandon");
    expect(await funnel.locator("li.worst").textContent()).toContain("destination");
    expect(await noHorizontalScroll()).toBe(true);
    await shot("funnels");
  });

  it("shows the day's satisfaction on the Quality tab: average, low ratings and each driver, as computed by hand", async () => {
    // (5 + 4 + 2 + 3) / 4 = 3.5; low (≤ 2): 1 of 4; Jean (5 + 4) / 2 = 4.5; Paul 2; the last one has no driver.
    // The page is on 7 days (an earlier test chose it): the day's ratings are all inside.
    expect(await (await api("/satisfaction?period=7d")).json()).toEqual({
      period: "7d",
      count: 4,
      average: 3.5,
      lowShare: 0.25,
      byDriver: {
        "d-jean": { name: "Jean Malonga", count: 2, average: 4.5 },
        "d-paul": { name: "Paul Ngoma", count: 1, average: 2 },
      },
    });
    await page.click("[data-tab=quality]");
    const card = page.locator("[data-testid=satisfaction]");
    await expect.poll(() => card.locator("strong").allTextContents()).toEqual(["3,5 / 5", formatRate(0.25, "fr")]);
    expect(await card.textContent()).toContain(`Notes : ${formatCount(4)}`);
    // The drivers, the lowest average first: who needs attention heads the table.
    const rows = card.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").allTextContents()).toEqual(["Paul Ngoma", "1", "2,0"]);
    expect(await rows.nth(1).locator("td").allTextContents()).toEqual(["Jean Malonga", "2", "4,5"]);
    await shot("quality-satisfaction");
  });

  it("exports the period's CSV, byte for byte what the API serves", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "CSV", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("toktok-7d-2026-03-10.csv");
    const file = await readFile((await download.path()) as string);
    const expected = Buffer.from(await (await api("/export.csv?period=7d")).arrayBuffer());
    expect(file.equals(expected)).toBe(true);
    expect(file.toString("utf8")).toContain("2026-03-10,4,4,10,2,14500,1,0.1,200");
  });

  it("downloads the period's Excel workbook and PDF report from their buttons", async () => {
    for (const [button, name, magic] of [
      ["Excel", "toktok-7d-2026-03-10.xlsx", "PK"],
      ["PDF", "toktok-7d-2026-03-10.pdf", "%PDF-"],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: button, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const file = await readFile((await download.path()) as string);
      expect(file.subarray(0, magic.length).toString("latin1")).toBe(magic);
    }
  });

  it("opens the HTML report in a new tab", async () => {
    const [report] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("button", { name: "Rapport", exact: true }).click(),
    ]);
    await report.waitForLoadState();
    expect(await report.content()).toContain("FCFA");
    await report.close();
  });

  it("shows every tab on a phone-sized screen (screenshots in test-output/dashboard/)", async () => {
    for (const tab of ["conversations", "revenue", "quality", "alerts"]) {
      await page.click(`[data-tab=${tab}]`);
      await page.locator(`main[data-active-tab=${tab}] .card`).first().waitFor();
      if (tab === "quality") await page.locator("[data-testid=chart-quality] canvas").waitFor();
      expect(await noHorizontalScroll(), tab).toBe(true);
      await shot(tab);
    }
    expect(await page.locator("li.alert.critical[data-alert=taux-erreur]").count()).toBe(1);
    expect(await page.locator('[data-rule="revenu-faible"] .dot.off').count()).toBe(1);
  });

  it("switches to English and back", async () => {
    await page.click("[data-tab=overview]");
    await page.click("[data-lang-switch]");
    await expect.poll(() => page.locator("[data-tab=overview]").textContent()).toBe("Overview");
    expect(await page.locator(".kpi h3").first().textContent()).toBe("Sessions");
    expect(await kpi("errorRate").textContent()).toBe("9.1%");
    await shot("overview-en");
    await page.click("[data-lang-switch]");
    await expect.poll(() => page.locator("[data-tab=overview]").textContent()).toBe("Vue d'ensemble");
  });

  it("refreshes every 30 s without reloading the page", async () => {
    await page.evaluate("window.marker = 42");
    const loads = Number(await page.getAttribute(".app", "data-loads"));
    analytics.trackConversion("242060000007", "order", 3000);
    await analytics.sync();
    await page.clock.fastForward(30_000);
    await expect.poll(() => kpi("revenueXaf").textContent()).toBe("22 500 FCFA");
    expect(Number(await page.getAttribute(".app", "data-loads"))).toBeGreaterThan(loads);
    expect(await page.evaluate("window.marker")).toBe(42);
  });

  it("lays out for a desktop too", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator("[data-testid=chart-messages] canvas").waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    await shot("overview-desktop");
  });

  it("links the operator inbox (token in the fragment) and shows the handoff figures", async () => {
    const env = { DASHBOARD_JWT_SECRET: SECRET };
    const sim = await startSimulation({ logLevel: "silent", env });
    const dashboard = mountDashboard({ analytics: sim.bot.analytics, env, dashboardDir: pageDir });
    // The bot's server answers the inbox; this one serves the page just built and passes the inbox's GETs through.
    const front = await serveOnLoopback(async (req, res) => {
      if (!/^\/(api\/inbox|dashboard\/inbox)/.test(req.url ?? "")) return dashboard(req, res);
      const auth = req.headers.authorization;
      const answer = await fetch(`${sim.server.url}${req.url}`, auth ? { headers: { authorization: auth } } : {});
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
      res.end(Buffer.from(await answer.arrayBuffer()));
      return true;
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const customer = "242061270001";
      const awa = await mintOperatorToken({ env, name: "Awa", id: "op-awa" });
      await deliver(sim, customer, { type: "text", text: { body: "je veux parler à un humain" } });
      expect((await inboxApi(sim, awa, `/conversations/${customer}/take`, {})).status).toBe(200);
      expect((await inboxApi(sim, awa, `/conversations/${customer}/messages`, { text: "Bonjour" })).status).toBe(200);
      const tab = await context.newPage();
      await tab.goto(`${front.url}/dashboard#token=${admin}`);
      await tab.click("[data-tab=conversations]");
      const card = tab.locator("[data-testid=handoff-figures]");
      await card.waitFor();
      expect(await card.locator("[data-trigger=asked]").textContent()).toBe("demandé 1");
      expect(await card.locator("[data-operator=op-awa] td").allTextContents()).toEqual([
        "op-awa",
        "1",
        expect.stringMatching(/^\d+ s$/),
        "0",
        "—",
        "1",
      ]);
      await tab.screenshot({ path: join(shots, "handoff-figures.png"), fullPage: true });
      const link = tab.locator("[data-testid=inbox-link]");
      expect(await link.getAttribute("href")).toBe(`/dashboard/inbox#token=${admin}`);
      await link.click();
      await tab.locator("#app:not([hidden])").waitFor();
      expect(new URL(tab.url()).hash).toBe(""); // the inbox took the token and cleared the address bar
      await tab.click('nav button[data-state="all"]'); // Awa holds the customer: not in the waiting list
      await expect.poll(() => tab.locator("[data-testid=list]").textContent()).toContain("operator:op-awa");
    } finally {
      await context.close();
      await front.close();
      await sim.close();
    }
  }, 60_000);

  it("opens the demo's link (token in the fragment) on seeded conversations", async () => {
    const clock = createDemoClock();
    const demo = new AnalyticsClass({ now: clock.now });
    const report = await seedDemoConversations({ analytics: demo, clock, days: 14 });
    expect(report.failures).toEqual([]);
    const env = { DASHBOARD_JWT_SECRET: SECRET };
    const demoServer = await serveOnLoopback(
      mountDashboard({ analytics: demo, env, dashboardDir: pageDir, funnelSteps: BUILT_IN_FUNNEL_STEPS }),
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const link = await dashboardLink({ baseUrl: demoServer.url, env });
      const tab = await context.newPage();
      await tab.goto(link.url);
      await tab.locator('[data-kpi="revenueXaf"]').waitFor();
      expect(new URL(tab.url()).hash).toBe("#overview"); // the token left the address bar
      await tab.click('button[data-period="30d"]');
      const summary = (await (
        await fetch(`${demoServer.url}/api/analytics/summary?period=30d`, {
          headers: { authorization: `Bearer ${link.token}` },
        })
      ).json()) as Body;
      expect(summary.kpis.missions).toBeGreaterThan(0);
      await expect
        .poll(() => tab.locator('[data-kpi="revenueXaf"]').textContent())
        .toBe(formatXaf(summary.kpis.revenueXaf ?? Number.NaN));
      await tab.locator("[data-testid=chart-messages] canvas").waitFor();
      await tab.screenshot({ path: join(shots, "demo-overview.png"), fullPage: true });
      await tab.click("[data-tab=funnels]");
      await tab.locator("article.funnel-card", { hasText: "courier" }).getByRole("button").click();
      await tab.locator('ol.funnel[data-flow="courier"] li').first().waitFor();
      await tab.screenshot({ path: join(shots, "demo-funnels.png"), fullPage: true });
      await tab.click("[data-tab=quality]");
      await tab.locator("[data-testid=chart-quality] canvas").waitFor();
      await tab.screenshot({ path: join(shots, "demo-quality.png"), fullPage: true });
    } finally {
      await context.close();
      await demoServer.close();
      await demo.close();
    }
  });
});
