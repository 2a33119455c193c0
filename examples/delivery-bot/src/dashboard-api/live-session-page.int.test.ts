// The demo's dashboard page in real headless Chromium tells the live session apart from the seeded
// history (issue 24): "Session en direct" with this session's figures, the KPI cards labelled as the
// simulated history. The page is built from source into a temp dir, so no stale bundle is tested.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Analytics } from "@toktok/analytics";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, requireChromium } from "../test-support/chromium.ts";
import { dashboardLink, mountDashboard } from "./index.ts";
import { serveOnLoopback } from "./test-server.ts";

const SECRET = "e2e-secret-of-at-least-32-characters-long";
const exampleDir = fileURLToPath(new URL("../../", import.meta.url));
requireChromium("the dashboard's live session in Chromium");

describe.skipIf(!hasChromium)("the demo dashboard's live session in Chromium", () => {
  let analytics: Analytics;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let pageDir: string;

  beforeAll(async () => {
    pageDir = await mkdtemp(join(tmpdir(), "dashboard-live-"));
    const viteRoot = dirname(createRequire(join(exampleDir, "package.json")).resolve("vite/package.json"));
    await promisify(execFile)(
      process.execPath,
      [join(viteRoot, "bin", "vite.js"), "build", "--config", "dashboard/vite.config.ts", "--outDir", pageDir],
      { cwd: exampleDir },
    );
    // Two seeded orders earlier today, then the live session: one courier mission.
    const liveSince = Date.now() - 60_000;
    let t = liveSince - 3 * 3_600_000;
    analytics = new Analytics({ now: () => t });
    for (const user of ["242060000001", "242060000002"]) {
      analytics.trackSessionStart(user, "client");
      analytics.trackConversion(user, "order", 5_000);
    }
    t = Date.now();
    analytics.trackSessionStart("242061234567", "client");
    analytics.trackConversion("242061234567", "courier", 1_500);
    const env = { DASHBOARD_JWT_SECRET: SECRET, DASHBOARD_LIVE_SINCE: new Date(liveSince).toISOString() };
    server = await serveOnLoopback(mountDashboard({ analytics, env: env as never, dashboardDir: pageDir }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await analytics?.close();
    if (pageDir) await rm(pageDir, { recursive: true, force: true });
  });

  it("shows 'Session en direct' with the live figures, and labels the KPI cards as the simulated history", async () => {
    const link = await dashboardLink({ baseUrl: server.url, env: { DASHBOARD_JWT_SECRET: SECRET } });
    const page = await browser.newPage();
    await page.goto(link.url);
    const live = page.getByTestId("live-session");
    await live.waitFor();
    expect(await live.textContent()).toContain("Session en direct — depuis");
    expect(await page.locator('[data-live="missions"]').textContent()).toBe("1");
    expect(await page.locator('[data-live="orders"]').textContent()).toBe("0");
    expect(await page.getByTestId("history-label").textContent()).toContain("Historique simulé");
    await expect.poll(() => page.locator('[data-kpi="orders"]').first().textContent()).toBe("2");
  });
});
