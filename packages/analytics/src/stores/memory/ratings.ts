import { LOW_RATING } from "../../satisfaction/satisfaction.js";
import { EventKind } from "../../tracking/events.js";
import type { RatingTotals, TimeRange } from "../store.js";
import { scan } from "./scan.js";

/** Per-driver rating totals in a range, each mission counted once with its latest rating. */
export function memoryRatingTotals(chunks: Parameters<typeof scan>[0], range: TimeRange): RatingTotals[] {
  const latest = new Map<string, { at: number; driverId: string | null; driverName?: string; rating: number }>();
  scan(
    chunks,
    range.from,
    range.to,
    EventKind.Rating,
    (c, i) => {
      const mission = c.b[i] ?? "";
      const at = c.at[i] as number;
      const seen = latest.get(mission);
      if (seen && seen.at > at) return;
      const name = c.meta[i]?.driverName;
      latest.set(mission, {
        at,
        driverId: c.a[i] ?? null,
        ...(typeof name === "string" ? { driverName: name } : {}),
        rating: c.value[i] as number,
      });
    },
    range.companyId,
  );
  const byDriver = new Map<string | null, RatingTotals>();
  for (const r of latest.values()) {
    const t = byDriver.get(r.driverId) ?? { driverId: r.driverId, count: 0, sum: 0, low: 0 };
    if (r.driverName !== undefined) t.driverName = r.driverName;
    t.count += 1;
    t.sum += r.rating;
    if (r.rating <= LOW_RATING) t.low += 1;
    byDriver.set(r.driverId, t);
  }
  return [...byDriver.values()];
}
