// A leaf with no import: the API (params.ts) and the dashboard page (dashboard/src/api.ts) both read the
// period filters from here, so the page never offers a period the API refuses.

/** Period filters of the summary, funnels and exports, as the page offers them. */
export const PERIODS = ["24h", "7d", "30d", "90d", "1y", "all"] as const;
/** One of {@link PERIODS}. */
export type Period = (typeof PERIODS)[number];
