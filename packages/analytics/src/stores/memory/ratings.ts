import { LOW_RATING } from "../../satisfaction/satisfaction.js";
import { type EventChunk, EventKind } from "../../tracking/events.js";
import type { RatingTotals, TimeRange } from "../store.js";
import { latestBy } from "./scan.js";

/** Per-driver rating totals in a range, each mission counted once with its latest rating. */
export function memoryRatingTotals(chunks: readonly EventChunk[], range: TimeRange): RatingTotals[] {
  const latest = latestBy(
    chunks,
    range,
    EventKind.Rating,
    (c, i) => c.b[i] ?? "",
    (c, i) => {
      const name = c.meta[i]?.driverName;
      return {
        at: c.at[i] as number,
        driverId: c.a[i] ?? null,
        ...(typeof name === "string" ? { driverName: name } : {}),
        rating: c.value[i] as number,
      };
    },
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
