import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Simulation } from "./simulation.ts";
import { colors } from "./terminal.ts";

// ─── Operator dashboard in the demo (issue 9) ─────────────────────────────────
// When src/dashboard-api/index.ts exists, the demo gives the bot a random
// DASHBOARD_JWT_SECRET (unless one is set), then — if the module exports them —
// calls `seedDemoConversations(sim: Simulation)` to run seed conversations through
// the real flows, and prints `${url}/dashboard` with a token from
// `mintDashboardToken({ secret })`.

const entry = fileURLToPath(new URL("../dashboard-api/index.ts", import.meta.url));

interface DashboardModule {
  mintDashboardToken?: (options: { secret: string }) => Promise<string>;
  seedDemoConversations?: (sim: Simulation) => Promise<unknown>;
}

export const dashboardDemo = {
  /** Environment the bot needs for the dashboard (empty when the dashboard is absent). */
  async env(): Promise<Record<string, string>> {
    if (!existsSync(entry)) return {};
    return { DASHBOARD_JWT_SECRET: process.env.DASHBOARD_JWT_SECRET ?? randomBytes(32).toString("hex") };
  },
  /** Seeds and prints the dashboard URL with a ready token, when the dashboard is mounted. */
  async announce(sim: Simulation, env: Record<string, string>): Promise<void> {
    const secret = env.DASHBOARD_JWT_SECRET;
    if (!sim.bot.services.dashboard || !secret) return;
    const module = (await import(entry)) as DashboardModule;
    await module.seedDemoConversations?.(sim);
    if (!module.mintDashboardToken) return;
    const token = await module.mintDashboardToken({ secret });
    console.log(colors.dim(`Operator dashboard: ${sim.server.url}/dashboard  (token: ${token})`));
  },
};
