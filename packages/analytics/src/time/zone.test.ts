import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodEnd, periodStart } from "./period.js";
import { resolveDays, resolveInstants, toDay } from "./range.js";
import {
  DEFAULT_TIME_ZONE,
  dayKey,
  dayNumber,
  dayStartUtc,
  isoWeekday,
  isValidTimeZone,
  monthStart,
  parseDayKey,
  weekStart,
  zonedToUtc,
} from "./zone.js";

const BZV = DEFAULT_TIME_ZONE;

describe("local days", () => {
  it("cuts days at local midnight: 23:30 UTC is already the next day in Brazzaville (UTC+1)", () => {
    expect(BZV).toBe("Africa/Brazzaville");
    expect(dayKey(dayNumber(Date.UTC(2026, 10, 21, 22, 59), BZV))).toBe("2026-11-21");
    expect(dayKey(dayNumber(Date.UTC(2026, 10, 21, 23, 30), BZV))).toBe("2026-11-22");
    expect(dayKey(dayNumber(Date.UTC(2026, 10, 21, 23, 30), "UTC"))).toBe("2026-11-21");
    expect(dayStartUtc(parseDayKey("2026-11-22"), BZV)).toBe(Date.UTC(2026, 10, 21, 23));
  });

  it("finds local wall times across Paris's DST changes (29 March and 25 October 2026)", () => {
    const march29 = parseDayKey("2026-03-29");
    expect(zonedToUtc(march29, 60, "Europe/Paris")).toBe(Date.UTC(2026, 2, 29, 0)); // 01:00 CET
    expect(zonedToUtc(march29, 4 * 60, "Europe/Paris")).toBe(Date.UTC(2026, 2, 29, 2)); // 04:00 CEST
    const oct25 = parseDayKey("2026-10-25");
    expect(zonedToUtc(oct25, 8 * 60, "Europe/Paris")).toBe(Date.UTC(2026, 9, 25, 7)); // 08:00 CET
    // The 23-hour and 25-hour days.
    expect(dayStartUtc(march29 + 1, "Europe/Paris") - dayStartUtc(march29, "Europe/Paris")).toBe(23 * 3_600_000);
    expect(dayStartUtc(oct25 + 1, "Europe/Paris") - dayStartUtc(oct25, "Europe/Paris")).toBe(25 * 3_600_000);
  });

  it("round-trips: the local day of a day's start is that day, in any of these zones", () => {
    const zones = [BZV, "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(...zones), (day, zone) => {
        expect(dayNumber(dayStartUtc(day, zone), zone)).toBe(day);
        expect(parseDayKey(dayKey(day))).toBe(day);
      }),
    );
  });

  it("knows weekdays, ISO weeks and months", () => {
    const fri = parseDayKey("2026-11-20");
    expect(isoWeekday(fri)).toBe(5);
    expect(isoWeekday(parseDayKey("2026-11-22"))).toBe(7);
    expect(dayKey(weekStart(fri))).toBe("2026-11-16");
    expect(dayKey(monthStart(fri))).toBe("2026-11-01");
    expect([periodStart(fri, "day"), periodEnd(fri, "day")].map(dayKey)).toEqual(["2026-11-20", "2026-11-21"]);
    expect([periodStart(fri, "week"), periodEnd(fri, "week")].map(dayKey)).toEqual(["2026-11-16", "2026-11-23"]);
    expect([periodStart(fri, "month"), periodEnd(fri, "month")].map(dayKey)).toEqual(["2026-11-01", "2026-12-01"]);
    const dec31 = parseDayKey("2026-12-31");
    expect(dayKey(periodEnd(dec31, "month"))).toBe("2027-01-01");
  });

  it("accepts IANA zones only", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("ranges", () => {
  it("reads YYYY-MM-DD as a local day and refuses impossible days, naming the field", () => {
    expect(dayKey(toDay("2026-11-20", "date", BZV))).toBe("2026-11-20");
    expect(() => toDay("2026-02-30", "date", BZV)).toThrow(/"date": must be a real calendar day/);
    expect(() => toDay("tomorrow", "date", BZV)).toThrow(/"date"/);
    expect(dayKey(toDay(Date.UTC(2026, 10, 21, 23, 30), "date", BZV))).toBe("2026-11-22");
  });

  it("turns inclusive days into a half-open instant range, in order", () => {
    const r = resolveDays({ from: "2026-11-20", to: "2026-11-21" }, BZV);
    expect([r.from, r.to]).toEqual([Date.UTC(2026, 10, 19, 23), Date.UTC(2026, 10, 21, 23)]);
    expect(() => resolveDays({ from: "2026-11-21", to: "2026-11-20" }, BZV)).toThrow(/"range.to"/);
    expect(() => resolveDays({ from: "2000-01-01", to: "2026-01-01" }, BZV)).toThrow(/"range"/);
  });

  it("defaults an open instant range to everything until just after now", () => {
    expect(resolveInstants(undefined, 1000, BZV)).toEqual({ from: 0, to: 1001 });
    expect(resolveInstants({ from: "2026-11-20" }, Date.UTC(2026, 10, 21), BZV)).toEqual({
      from: Date.UTC(2026, 10, 19, 23),
      to: Date.UTC(2026, 10, 21) + 1,
    });
    expect(() => resolveInstants({ from: 10, to: 5 }, 0, BZV)).toThrow(/"range.to"/);
  });
});
