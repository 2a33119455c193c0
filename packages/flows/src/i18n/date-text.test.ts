import { describe, expect, it } from "vitest";
import { brazzavilleDay, formatDateText } from "./date-text.js";

describe("formatDateText", () => {
  it("writes a moment in French, Brazzaville time (UTC+1), with no ISO in it", () => {
    // 09:05 UTC is 10:05 in Brazzaville; 21 November 2024 is a Thursday.
    expect(formatDateText("2024-11-21T09:05:00Z")).toBe("jeudi 21 novembre à 10 h 05");
    expect(formatDateText(new Date("2024-11-21T09:05:00Z"), "en")).toBe("Thursday 21 November at 10:05");
  });

  it("crosses midnight in Brazzaville time, not UTC", () => {
    expect(formatDateText("2024-11-21T23:30:00Z")).toBe("vendredi 22 novembre à 00 h 30");
    expect(brazzavilleDay("2024-11-21T23:30:00Z")).toBe("2024-11-22");
  });

  it("gives an empty string for an invalid date instead of 'Invalid Date'", () => {
    expect(formatDateText("not a date")).toBe("");
  });
});
