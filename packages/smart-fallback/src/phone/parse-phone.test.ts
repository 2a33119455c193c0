import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePhone } from "./parse-phone.js";

describe("parsePhone", () => {
  it.each([
    ["06 123 4567", "+242061234567"],
    ["061234567", "+242061234567"],
    ["06.123.45.67", "+242061234567"],
    ["06-123-45-67", "+242061234567"],
    ["+242 06 123 4567", "+242061234567"],
    ["+242061234567", "+242061234567"],
    ["00242 05 210 33 44", "+242052103344"],
    ["242 05 210 33 44", "+242052103344"],
    ["242061234567", "+242061234567"],
    ["04 444 55 55", "+242044445555"],
    ["01 234 56 78", "+242012345678"],
    ["le numéro de Bienvenu c'est le 00242 05 210 33 44", "+242052103344"],
    ["Envoyer à Moungali chez Marie, 06 123 4567, 5000 francs", "+242061234567"],
    ["06 123 4567 5000", "+242061234567"],
    ["5000 06 123 4567", "+242061234567"],
  ])("%s → %s", (input, expected) => {
    expect(parsePhone(input)).toBe(expected);
  });

  it("keeps the leading 0 of Congo numbers (no trunk prefix)", () => {
    expect(parsePhone("06 123 4567")).toBe("+242061234567");
    expect(parsePhone("+242 6 123 4567")).toBeUndefined();
  });

  it.each([
    ["0612345"],
    ["06 123 45"],
    ["0612345678"],
    ["061234567890"],
    ["5000"],
    ["1 500 000"],
    ["222 811 234 FCFA"],
    ["bonjour"],
    [""],
  ])("%s is not a phone", (input) => {
    expect(parsePhone(input)).toBeUndefined();
  });

  it("reads other countries written with + or 00, and local numbers of defaultCountry", () => {
    expect(parsePhone("+33 6 12 34 56 78")).toBe("+33612345678");
    expect(parsePhone("0033 6 12 34 56 78")).toBe("+33612345678");
    expect(parsePhone("06 12 34 56 78", { defaultCountry: "FR" })).toBe("+33612345678");
  });

  it("rejects an unknown default country with an error naming the option", () => {
    expect(() => parsePhone("06 123 4567", { defaultCountry: "XX" as "CG" })).toThrowError(/defaultCountry/);
  });

  it("never throws and returns E.164 or undefined", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parsePhone(text);
        return r === undefined || /^\+\d{8,15}$/.test(r);
      }),
    );
  });

  it("finds any valid Congo mobile written with spaces, dots or dashes", () => {
    const prefix = fc.constantFrom("01", "04", "05", "06");
    const rest = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 });
    const sep = fc.constantFrom(" ", ".", "-", "");
    fc.assert(
      fc.property(prefix, rest, sep, fc.constantFrom("", "+242 ", "00242 ", "242"), (p, r, s, intl) => {
        const digits = r.join("");
        const written = `${intl}${p}${s}${digits.slice(0, 3)}${s}${digits.slice(3, 5)}${s}${digits.slice(5)}`;
        const e164 = parsePhone(`tel ${written} merci`);
        return e164 === `+242${p}${digits}`;
      }),
    );
    expect(parsePhone("06 123 45 67")).toBe("+242061234567");
  });
});
