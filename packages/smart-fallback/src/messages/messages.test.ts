import { describe, expect, it } from "vitest";
import { SmartFallbackValidationError } from "../errors.js";
import { explain, explainParts } from "./explain.js";
import { validateAddress, validateAmount, validatePhone, validateRecipientName } from "./validators.js";

describe("explain", () => {
  it("gives the French re-prompt with an example by default", () => {
    expect(explain("amount")).toBe("⚠️ Je n'ai pas compris le montant.\n💡 Tapez 5000 pour 5000 FCFA");
    expect(explainParts("phone")).toEqual({
      problem: "⚠️ Je n'ai pas compris le numéro de téléphone.",
      example: "💡 Tapez 06 123 4567 ou +242 06 123 4567",
    });
  });

  it("speaks English", () => {
    expect(explain("amount", "en")).toBe("⚠️ I didn't understand the amount.\n💡 Type 5000 for 5000 FCFA");
  });

  it("has a message for every field in both languages", () => {
    for (const locale of ["fr", "en"] as const) {
      for (const field of ["phone", "amount", "address", "recipientName", "intent"] as const) {
        expect(explain(field, locale)).toMatch(/^⚠️ .+\n💡 .+/);
      }
    }
  });

  it("names the bad argument", () => {
    expect(() => explain("colour" as "amount")).toThrowError(SmartFallbackValidationError);
    expect(() => explain("amount", "de" as "fr")).toThrowError(/locale/);
  });
});

describe("validators", () => {
  it("accept good answers", () => {
    expect(validateAmount("5k")).toEqual({ ok: true, value: 5000 });
    expect(validateAmount("quinze cents")).toEqual({ ok: true, value: 1500 });
    expect(validatePhone("06 123 4567")).toEqual({ ok: true, value: "+242061234567" });
    expect(validateAddress("poto poto")).toEqual({ ok: true, value: "Poto-Poto" });
    expect(validateAddress("Mbota")).toEqual({ ok: true, value: "Mbota" });
    expect(validateRecipientName("chez Marie")).toEqual({ ok: true, value: "Marie" });
    expect(validateRecipientName("marie mabiala")).toEqual({ ok: true, value: "Marie Mabiala" });
  });

  it("answer bad ones with the friendly re-prompt", () => {
    expect(validateAmount("beaucoup")).toEqual({
      ok: false,
      field: "amount",
      message: "⚠️ Je n'ai pas compris le montant.\n💡 Tapez 5000 pour 5000 FCFA",
    });
    expect(validateAmount("0")).toMatchObject({ ok: false });
    expect(validateAmount("500", { min: 1000 })).toMatchObject({ ok: false });
    expect(validatePhone("0612345", { locale: "en" })).toMatchObject({
      ok: false,
      field: "phone",
      message: expect.stringContaining("I didn't understand the phone number"),
    });
    expect(validateAddress("??")).toMatchObject({ ok: false, field: "address" });
    expect(validateRecipientName("06 123 4567")).toMatchObject({ ok: false, field: "recipientName" });
  });
});
