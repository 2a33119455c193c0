import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Simulation } from "./simulation.ts";
import { colors } from "./terminal.ts";

// ─── Operator dashboard in the demo (issue 9) ─────────────────────────────────
// When src/dashboard-api/index.ts exists, the demo gives the bot a random
// DASHBOARD_JWT_SECRET (unless one is set) and a movable analytics clock, then
// calls `seedDemoConversations({ analytics, clock })` to run two weeks of seed
// conversations through the real flows (the clock walks through the past days and
// is released after), and prints `${url}/dashboard` with a token from
// `mintDashboardToken({ secret })`.

const entry = fileURLToPath(new URL("../dashboard-api/index.ts", import.meta.url));

interface DemoClock {
  now: () => number;
}

interface DashboardModule {
  mintDashboardToken?: (options: { secret: string }) => Promise<string>;
  seedDemoConversations?: (options: {
    analytics: Simulation["bot"]["analytics"];
    clock: DemoClock;
  }) => Promise<unknown>;
  createDemoClock?: () => DemoClock;
}

const load = async (): Promise<DashboardModule | undefined> =>
  existsSync(entry) ? ((await import(entry)) as DashboardModule) : undefined;

export const dashboardDemo = {
  /** Environment the bot needs for the dashboard (empty when the dashboard is absent). */
  async env(): Promise<Record<string, string>> {
    if (!existsSync(entry)) return {};
    return { DASHBOARD_JWT_SECRET: process.env.DASHBOARD_JWT_SECRET ?? randomBytes(32).toString("hex") };
  },
  /** The clock to give the bot's analytics so past days can be seeded (none without the dashboard). */
  async clock(): Promise<DemoClock | undefined> {
    return (await load())?.createDemoClock?.();
  },
  /** Seeds and prints the dashboard URL with a ready token, when the dashboard is mounted. */
  async announce(sim: Simulation, env: Record<string, string>, clock?: DemoClock): Promise<void> {
    const secret = env.DASHBOARD_JWT_SECRET;
    const module = await load();
    if (!sim.bot.services.dashboard || !secret || !module) return;
    if (clock) await module.seedDemoConversations?.({ analytics: sim.bot.analytics, clock });
    if (!module.mintDashboardToken) return;
    const token = await module.mintDashboardToken({ secret });
    console.log(colors.dim(`Operator dashboard: ${sim.server.url}/dashboard  (token: ${token})`));
  },
};
