import { describe, expect, it } from "vitest";
import { availabilityOf, inboxEnv, templatesOf } from "./config.ts";
import { SERVICE_WINDOW_MS, windowOpen } from "./window.ts";

// 2026-12-05 in Brazzaville (UTC+1, no daylight saving).
const at = (hhmm: string) => Date.parse(`2026-12-05T${hhmm}:00+01:00`);

describe("inbox settings", () => {
  it("defaults to always open with a 5-minute wait and one template", () => {
    const settings = inboxEnv({});
    expect(availabilityOf(settings)(at("03:00"))).toEqual({ open: true, waitMinutes: 5 });
    expect(templatesOf(settings)).toEqual([{ name: "reprise_conversation", language: "fr" }]);
    expect(settings.INBOX_ESCALATE_MINUTES).toBe(10);
  });

  it("applies operator hours in Brazzaville time, across midnight too", () => {
    const day = availabilityOf(inboxEnv({ INBOX_HOURS: "08:00-20:00", INBOX_WAIT_MINUTES: "3" }));
    expect(day(at("07:59"))).toEqual({ open: false, opensAt: "08:00" });
    expect(day(at("08:00"))).toEqual({ open: true, waitMinutes: 3 });
    expect(day(at("20:00"))).toEqual({ open: false, opensAt: "08:00" });
    const night = availabilityOf(inboxEnv({ INBOX_HOURS: "22:00-06:00" }));
    expect(night(at("23:30")).open).toBe(true);
    expect(night(at("05:59")).open).toBe(true);
    expect(night(at("12:00")).open).toBe(false);
  });

  it("refuses a bad value naming the variable", () => {
    expect(() => inboxEnv({ INBOX_HOURS: "8h-20h" })).toThrow(/- INBOX_HOURS: must be HH:MM-HH:MM/);
    expect(() => inboxEnv({ INBOX_ESCALATE_MINUTES: "0" })).toThrow(
      /- INBOX_ESCALATE_MINUTES: must be between 1 and 1440 minutes/,
    );
    expect(() => inboxEnv({ INBOX_WAIT_MINUTES: "2.5" })).toThrow(/- INBOX_WAIT_MINUTES: must be an integer/);
    expect(() => inboxEnv({ INBOX_TEMPLATES: "Bad Name" })).toThrow(/- INBOX_TEMPLATES:/);
  });

  it("opens the 24-hour window only within 24 hours of the customer's last message", () => {
    const now = at("12:00");
    expect(windowOpen(undefined, now)).toBe(false);
    expect(windowOpen(now - SERVICE_WINDOW_MS + 1, now)).toBe(true);
    expect(windowOpen(now - SERVICE_WINDOW_MS, now)).toBe(false);
  });
});
