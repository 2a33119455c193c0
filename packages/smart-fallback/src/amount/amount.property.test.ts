import fc from "fast-check";
import { toCardinal as belgianWords } from "n2words/fr-BE";
import { toCardinal as frenchWords } from "n2words/fr-FR";
import { describe, expect, it } from "vitest";
import { extractDeliveryDetails } from "../extract/extract-delivery-details.js";
import { detectIntent } from "../intent/detect-intent.js";
import { SmartFallback } from "../llm/smart-fallback.js";
import { formatAmount } from "./format-amount.js";
import { numberToFrenchWords } from "./french-words.js";
import { parseAmount } from "./parse-amount.js";

const amounts = fc.integer({ min: 0, max: 999_999_999 });

describe("round trips", () => {
  it("number → French words → parseAmount gives the number back (0 … 999 999 999)", () => {
    fc.assert(
      fc.property(amounts, (n) => parseAmount(numberToFrenchWords(n)) === n),
      { numRuns: 2000 },
    );
  });

  it("parses French written by an independent library (n2words fr-FR and fr-BE) back to the number", () => {
    fc.assert(
      fc.property(amounts, (n) => parseAmount(frenchWords(n)) === n && parseAmount(belgianWords(n)) === n),
      { numRuns: 2000 },
    );
  });

  it("round-trips every number below 2 000 exhaustively, where French is irregular", () => {
    for (let n = 0; n < 2000; n++) expect(parseAmount(numberToFrenchWords(n)), numberToFrenchWords(n)).toBe(n);
  });

  it("also round-trips without hyphens, in capitals and with a currency", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        const words = numberToFrenchWords(n).replaceAll("-", " ").toUpperCase();
        return parseAmount(`${words} francs`) === n;
      }),
    );
  });

  it("formatAmount → parseAmount gives the number back, whatever the separator", () => {
    fc.assert(
      fc.property(
        amounts,
        fc.constantFrom(" ", ".", "\u00a0", ""),
        fc.constantFrom("FCFA", "F", "francs", "f cfa"),
        (n, sep, cur) => {
          return parseAmount(formatAmount(n, { separator: sep, currency: cur })) === n;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("writes the spellings that trip other parsers", () => {
    expect(numberToFrenchWords(80)).toBe("quatre-vingts");
    expect(numberToFrenchWords(81)).toBe("quatre-vingt-un");
    expect(numberToFrenchWords(71)).toBe("soixante et onze");
    expect(numberToFrenchWords(200)).toBe("deux cents");
    expect(numberToFrenchWords(201)).toBe("deux cent un");
    expect(numberToFrenchWords(2500)).toBe("deux mille cinq cents");
    expect(numberToFrenchWords(80_000)).toBe("quatre-vingt mille");
    expect(numberToFrenchWords(200_000_000)).toBe("deux cents millions");
    expect(numberToFrenchWords(1_000_000)).toBe("un million");
    expect(formatAmount(2_500_000)).toBe("2 500 000 FCFA");
    expect(() => numberToFrenchWords(-1)).toThrow(RangeError);
  });
});

describe("robustness", () => {
  const anyText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc
      .array(
        fc.constantFrom(
          "06",
          "123",
          "4567",
          "5",
          "000",
          "mille",
          "cent",
          "et",
          "k",
          "f",
          "à",
          "Moungali",
          "chez",
          ",",
          ".",
          "-",
          " ",
          "'",
          "°",
          ":",
          "/",
          "+242",
          "00242",
          "quatre",
          "vingt",
          "kg",
          "rue",
          "Mme",
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(" ")),
  );

  it("no input makes the readers throw", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const d = extractDeliveryDetails(text);
        const intent = detectIntent(text);
        const amount = parseAmount(text);
        return (
          d.confidence >= 0 &&
          d.confidence <= 1 &&
          intent.confidence >= 0 &&
          (amount === undefined || Number.isInteger(amount))
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("SmartFallback without a model resolves for any input", async () => {
    const sf = new SmartFallback();
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const r = await sf.extract(text);
        return r.llm.status === "not-needed" || r.llm.status === "disabled";
      }),
      { numRuns: 300 },
    );
  });

  it("never reads a phone number's digits as the amount", () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(fc.constantFrom("06", "05", "04"), digits, (p, d) => {
        const phone = `${p} ${d.slice(0, 3).join("")} ${d.slice(3).join("")}`;
        const r = extractDeliveryDetails(`mon numéro ${phone}`);
        return r.amount === undefined;
      }),
    );
  });

  it("tolerates non-string input from untyped callers", () => {
    expect(parseAmount(undefined as unknown as string)).toBeUndefined();
    expect(extractDeliveryDetails(null as unknown as string).confidence).toBe(1);
    expect(detectIntent(42 as unknown as string).intent).toBe("unknown");
  });
});
