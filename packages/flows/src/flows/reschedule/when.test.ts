import { describe, expect, it } from "vitest";
import { formatDateText } from "../../i18n/date-text.js";
import { parseFrenchWhen } from "./when.js";

// Saturday 21 November 2026, 10:00 in Brazzaville (09:00 UTC).
const NOW = new Date(Date.UTC(2026, 10, 21, 9, 0, 0));
const said = (text: string) => {
  const at = parseFrenchWhen(text, NOW);
  return at ? formatDateText(at) : undefined;
};

describe("parseFrenchWhen", () => {
  it("reads a day and an hour said in French, in Brazzaville time", () => {
    expect(said("demain à 10h")).toBe("dimanche 22 novembre à 10 h 00");
    expect(parseFrenchWhen("demain à 10h", NOW)?.toISOString()).toBe("2026-11-22T09:00:00.000Z");
    expect(said("jeudi 14h")).toBe("jeudi 26 novembre à 14 h 00");
    expect(said("Après-demain 9h15")).toBe("lundi 23 novembre à 09 h 15");
    expect(said("aujourd'hui à 16 h 30")).toBe("samedi 21 novembre à 16 h 30");
    expect(said("lundi à 8:45")).toBe("lundi 23 novembre à 08 h 45");
  });

  it("takes today's weekday as today while the hour is ahead, else next week", () => {
    expect(said("samedi 18h")).toBe("samedi 21 novembre à 18 h 00");
    expect(said("samedi 8h")).toBe("samedi 28 novembre à 08 h 00");
  });

  it("needs a day and a valid hour", () => {
    for (const text of ["demain", "14h", "jeudi 25h", "demain 10h75", "bientôt", ""]) {
      expect(parseFrenchWhen(text, NOW), text).toBeUndefined();
    }
  });
});
