import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import type { Analytics } from "@toktok/analytics";
import type { Logger } from "@toktok-example/shared";
import type { Hono } from "hono";
import type { PromotionSender } from "../dashboard-api/promotion-port.ts";
import type { ReportDelivery } from "../reports/report-delivery.ts";

// ─── Operator dashboard hook (issue 9) ────────────────────────────────────────
// The analytics API and the /dashboard page live in src/dashboard-api/, built
// separately. When src/dashboard-api/index.ts exists, its `mountDashboard` is
// called here, after the bot's own routes, in either shape:
//   mountDashboard(app: Hono, deps)            — adds routes to the bot's Hono app
//   mountDashboard(deps) => (req, res) => bool — a Node handler tried before the app
// The bot runs the same without it, or when it is not configured (no JWT key).

/** What the bot hands to `mountDashboard`. */
export interface DashboardDeps {
  analytics: Analytics;
  /** The environment the bot was started with (the dashboard reads `DASHBOARD_JWT_*` itself). */
  env: Record<string, string | undefined>;
  logger: Logger;
  /** The shared ioredis client when `REDIS_URL` is set. */
  redis?: unknown;
  /** The e-mailed reports, when `SMTP_URL` is set (`POST /api/analytics/reports/send`). */
  reports?: ReportDelivery;
  /** Sends `promotional_offer` to opted-in customers (`POST /api/analytics/promotions`). */
  promotions?: PromotionSender;
  /** Told of each dashboard call with a forged or garbled token. */
  onInvalidToken?: () => void;
}

/** A Node-level handler: answers its own paths and resolves `false` for the others. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

type MountDashboard = (...args: unknown[]) => unknown;

const entry = fileURLToPath(new URL("../dashboard-api/index.ts", import.meta.url));

/** The outcome of {@link mountDashboardIfPresent}. */
export interface DashboardMount {
  mounted: boolean;
  /** Set when the dashboard came as a Node handler: serve it before the app (see `listen`). */
  nodeHandler?: NodeHandler;
}

/** Mounts the operator dashboard when its module is present and configured. */
export async function mountDashboardIfPresent(app: Hono, deps: DashboardDeps): Promise<DashboardMount> {
  if (!existsSync(entry)) return { mounted: false };
  const module = (await import(entry)) as { mountDashboard?: MountDashboard };
  const mount = module.mountDashboard;
  if (typeof mount !== "function") {
    deps.logger.warn("src/dashboard-api/index.ts does not export mountDashboard; dashboard not mounted");
    return { mounted: false };
  }
  try {
    if (mount.length >= 2) {
      await mount(app, deps);
      return { mounted: true };
    }
    const handler = await mount(deps);
    return typeof handler === "function" ? { mounted: true, nodeHandler: handler as NodeHandler } : { mounted: true };
  } catch (error) {
    // Typically no DASHBOARD_JWT_SECRET / DASHBOARD_JWT_PUBLIC_KEY: the bot itself still runs.
    deps.logger.info("operator dashboard not mounted", { reason: (error as Error).message });
    return { mounted: false };
  }
}
