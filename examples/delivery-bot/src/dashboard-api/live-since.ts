import { DashboardConfigError } from "./errors.ts";

/**
 * The start of the live session of a demo (`DASHBOARD_LIVE_SINCE`, an ISO 8601 time), in epoch ms, or
 * `undefined` when not set. Everything the analytics recorded before it is seeded history: the API
 * reports the two apart so a seeded fortnight is never read as what just happened.
 */
export function parseLiveSince(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new DashboardConfigError("env.DASHBOARD_LIVE_SINCE", "must be an ISO 8601 time");
  return ms;
}
