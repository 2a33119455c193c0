import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { airtelMsisdn, congoNationalNumber, detectOperator, mtnMsisdn } from "./operator.js";

describe("detectOperator", () => {
  it.each([
    ["06 123 45 67", "mtn"],
    ["+242 06 123 4567", "mtn"],
    ["00242061234567", "mtn"],
    ["242061234567", "mtn"],
    ["05 512 34 56", "airtel"],
    ["+242055123456", "airtel"],
    ["04 412 34 56", "airtel"],
    ["01 234 56 78", undefined],
    ["+33 6 12 34 56 78", undefined],
    ["bonjour", undefined],
  ] as const)("%s → %s", (phone, operator) => {
    expect(detectOperator(phone)).toBe(operator);
  });
});

describe("MSISDN per provider", () => {
  it("MTN wants 242 and the 9 national digits, Airtel the national digits without country code", () => {
    expect(mtnMsisdn("06 123 45 67")).toBe("242061234567");
    expect(airtelMsisdn("+242 05 512 34 56")).toBe("055123456");
  });

  it("passes MTN's sandbox test numbers through", () => {
    expect(mtnMsisdn("46733123451")).toBe("46733123451");
    expect(mtnMsisdn("+46 733 123 452")).toBe("46733123452");
  });

  it("refuses a foreign number written with its country code for Airtel (the code cannot be stripped blindly)", () => {
    expect(airtelMsisdn("+46733123451")).toBeUndefined();
  });
});

describe("properties", () => {
  const national = fc
    .tuple(fc.constantFrom("04", "05", "06"), fc.stringMatching(/^\d{7}$/))
    .map(([a, b]) => `${a}${b}`);
  const prefix = fc.constantFrom("", "+242", "00242", "242", "+242 ");
  const spaced = (digits: string, gaps: number[]) =>
    digits
      .split("")
      .map((d, i) => (gaps.includes(i) ? ` ${d}` : d))
      .join("");

  it("every written form of a Congo number reads back to the same national number and operator", () => {
    fc.assert(
      fc.property(national, prefix, fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }), (n, p, gaps) => {
        const written = `${p}${spaced(n, gaps)}`;
        expect(congoNationalNumber(written)).toBe(n);
        expect(mtnMsisdn(written)).toBe(`242${n}`);
        expect(airtelMsisdn(written)).toBe(n);
        expect(detectOperator(written)).toBe(n.startsWith("06") ? "mtn" : "airtel");
      }),
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        detectOperator(s);
        mtnMsisdn(s);
        airtelMsisdn(s);
      }),
    );
    expect(detectOperator(undefined as unknown as string)).toBeUndefined();
  });
});
