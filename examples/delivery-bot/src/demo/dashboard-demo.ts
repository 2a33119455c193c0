import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inboxLink, mintOperatorToken } from "../inbox/operator-token.ts";
import type { Simulation } from "./simulation.ts";

// ─── Operator dashboard in the demo (issue 9) ─────────────────────────────────
// When src/dashboard-api/index.ts exists, the demo gives the bot a random
// DASHBOARD_JWT_SECRET (unless one is set) and a movable analytics clock, then
// calls `seedDemoConversations({ analytics, clock })` to run two weeks of seed
// conversations through the real flows (the clock walks through the past days and
// is released after), and prints the `…/dashboard#token=…` link that opens the page
// signed in (the token rides in the fragment, which the browser never sends to the server).

const entry = fileURLToPath(new URL("../dashboard-api/index.ts", import.meta.url));

interface DemoClock {
  now: () => number;
}

interface DashboardModule {
  dashboardLink?: (options: { baseUrl: string; env: Record<string, string | undefined> }) => Promise<{ url: string }>;
  seedDemoConversations?: (options: {
    analytics: Simulation["bot"]["analytics"];
    clock: DemoClock;
  }) => Promise<unknown>;
  createDemoClock?: () => DemoClock;
}

const load = async (): Promise<DashboardModule | undefined> =>
  existsSync(entry) ? ((await import(entry)) as DashboardModule) : undefined;

/**
 * The lines that give the operator the dashboard: a title, then the link alone on its own line —
 * nothing before or after it on that line, so a terminal's copy or click takes the whole token.
 */
export function dashboardLines(url: string): string[] {
  return ["📊 Tableau de bord opérateur — ouvrez ce lien, il est déjà connecté :", url];
}

/** The lines that give the operator the inbox (human handoff): a title, then the link alone on its line. */
export function inboxLines(url: string): string[] {
  return ["📥 Boîte de réception (les clients qui demandent un humain) — ouvrez ce lien, il est déjà connecté :", url];
}

export const dashboardDemo = {
  /** Environment the bot needs for the dashboard (empty when the dashboard is absent). */
  async env(): Promise<Record<string, string>> {
    if (!existsSync(entry)) return {};
    return {
      DASHBOARD_JWT_SECRET: process.env.DASHBOARD_JWT_SECRET ?? randomBytes(32).toString("hex"),
      // The live session starts now: the seeding plays past days and today's visits end two hours
      // before now, so the dashboard can tell the seeded history (before) from this session (after).
      DASHBOARD_LIVE_SINCE: new Date().toISOString(),
    };
  },
  /** The clock to give the bot's analytics so past days can be seeded (none without the dashboard). */
  async clock(): Promise<DemoClock | undefined> {
    return (await load())?.createDemoClock?.();
  },
  /**
   * Seeds the dashboard's history and returns the lines to print: the dashboard link, then the operator
   * inbox link (none when the dashboard is not mounted).
   */
  async announce(sim: Simulation, env: Record<string, string>, clock?: DemoClock): Promise<string[]> {
    const module = await load();
    if (!sim.bot.services.dashboard || !env.DASHBOARD_JWT_SECRET || !module?.dashboardLink) return [];
    if (clock) await module.seedDemoConversations?.({ analytics: sim.bot.analytics, clock });
    const link = await module.dashboardLink({ baseUrl: sim.server.url, env });
    if (!sim.bot.inbox) return dashboardLines(link.url);
    // The demo's operator is an admin (may reassign); customers hear "Awa vous répond".
    const token = await mintOperatorToken({ env, name: "Awa", role: "admin", id: "demo-operator" });
    return [...dashboardLines(link.url), ...inboxLines(inboxLink(sim.server.url, token))];
  },
};
