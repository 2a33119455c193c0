import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatXaf } from "./index.js";

describe("formatXaf", () => {
  it("groups thousands with plain spaces and FCFA in French, the default", () => {
    expect(formatXaf(2_500_000)).toBe("2 500 000 FCFA");
    expect(formatXaf(999, "fr")).toBe("999 FCFA");
    expect(formatXaf(0)).toBe("0 FCFA");
    expect(formatXaf(-1500)).toBe("-1 500 FCFA");
  });

  it("uses commas and the ISO code in English", () => {
    expect(formatXaf(1_500_000, "en")).toBe("1,500,000 XAF");
    expect(formatXaf(15_000, "en-GB")).toBe("15,000 XAF");
  });

  it("rounds to the franc (XAF has no minor unit)", () => {
    expect(formatXaf(1499.6)).toBe("1 500 FCFA");
  });

  it("reads back as the rounded amount in both forms", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("fr", "en", "ln"), (n, locale) => {
        const text = formatXaf(n, locale);
        expect(text).not.toMatch(/[\u202f\u00a0]/);
        expect(Number(text.replace(/ (FCFA|XAF)$/, "").replace(/[ ,]/g, ""))).toBe(n);
      }),
    );
  });
});
