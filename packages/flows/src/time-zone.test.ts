import { describe, expect, it } from "vitest";
import { TIME_ZONE, TIME_ZONE_OFFSET_MS } from "./time-zone.js";

/** The offset from UTC that Intl gives `zone` at `ms` (its wall clock read as if UTC, minus `ms`). */
function intlOffsetMs(zone: string, ms: number): number {
  const parts: Record<string, number> = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  );
  const part = (type: string) => parts[type] ?? Number.NaN;
  return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute")) - ms;
}

const DAY_MS = 86_400_000;

describe("TIME_ZONE_OFFSET_MS", () => {
  it("is the offset Intl gives Africa/Brazzaville every day of 2024–2030, at 00:30 and 12:30 UTC", () => {
    const offsets = new Set<number>();
    for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2031, 0, 1); day += DAY_MS) {
      offsets.add(intlOffsetMs(TIME_ZONE, day + 30 * 60_000));
      offsets.add(intlOffsetMs(TIME_ZONE, day + 12.5 * 3_600_000));
    }
    expect([...offsets]).toEqual([TIME_ZONE_OFFSET_MS]);
  });

  it("sees a zone whose offset moves (so the check above can fail)", () => {
    expect(intlOffsetMs("Europe/Paris", Date.UTC(2026, 0, 15, 12, 30))).toBe(3_600_000);
    expect(intlOffsetMs("Europe/Paris", Date.UTC(2026, 6, 15, 12, 30))).toBe(7_200_000);
  });
});
