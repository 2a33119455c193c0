import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PhoneNumberError, WhatsAppError, WhatsAppValidationError } from "../errors.js";
import { normalizePhone } from "./normalize-phone.js";

describe("normalizePhone", () => {
  it.each([
    ["06 123 4567", "242061234567"],
    ["061234567", "242061234567"],
    ["05-555-12-34", "242055551234"],
    ["+242 06 123 4567", "242061234567"],
    ["+242061234567", "242061234567"],
    ["00242 06 123 45 67", "242061234567"],
    ["242 06 123 4567", "242061234567"],
    ["(+242) 04.444.55.66", "242044445566"],
    ["+33 6 12 34 56 78", "33612345678"],
    ["0033612345678", "33612345678"],
    ["16505551234", "16505551234"],
  ])("%s → %s (Congo default keeps the leading 0)", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it("uses another default country when asked, dropping its trunk 0", () => {
    expect(normalizePhone("06 12 34 56 78", { defaultCountry: "FR" })).toBe("33612345678");
    expect(normalizePhone("081 234 5678", { defaultCountry: "CD" })).toBe("243812345678");
    expect(normalizePhone("650 555 1234", { defaultCountry: "US" })).toBe("16505551234");
  });

  it.each([
    ["06 123 456", /9 digits/],
    ["06 123 45678", /9 digits/],
    ["+242 6 123 4567", /starts with 0/],
    ["+242 06 123 45", /9 digits after 242/],
    ["612345678", /starts with 0/],
    ["+1234", /8 to 15 digits/],
    ["+1234567890123456", /8 to 15 digits/],
    ["06 abc", /only digits/],
    ["", /only digits/],
  ])("rejects %s with a typed error naming the rule", (input, rule) => {
    const e = (() => {
      try {
        normalizePhone(input, { field: "to" });
      } catch (x) {
        return x;
      }
    })();
    expect(PhoneNumberError.isInstance(e)).toBe(true);
    expect(WhatsAppValidationError.isInstance(e)).toBe(true);
    expect((e as PhoneNumberError).field).toBe("to");
    expect((e as PhoneNumberError).code).toBe("WHATSAPP_INVALID_PHONE");
    expect((e as PhoneNumberError).rule).toMatch(rule);
  });

  it("rejects an unknown default country", () => {
    expect(() => normalizePhone("061234567", { defaultCountry: "XX" })).toThrow(/defaultCountry/);
  });

  it("property: any Congo number in any common notation normalises to the same WhatsApp ID", () => {
    const national = fc.tuple(fc.constantFrom("01", "02", "04", "05", "06"), fc.stringMatching(/^\d{7}$/));
    const prefix = fc.constantFrom("", "+242 ", "00242", "242", "+242-", "(+242) ");
    const sep = fc.constantFrom("", " ", ".", "-");
    fc.assert(
      fc.property(national, prefix, sep, ([a, b], p, s) => {
        const written = `${p}${a}${s}${b.slice(0, 3)}${s}${b.slice(3)}`;
        expect(normalizePhone(written)).toBe(`242${a}${b}`);
      }),
    );
  });

  it("property: never throws anything but a WhatsAppError", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const out = normalizePhone(s);
          expect(out).toMatch(/^\d{10,15}$/);
        } catch (e) {
          expect(WhatsAppError.isInstance(e)).toBe(true);
        }
      }),
    );
  });
});
