// One XAF text in the public API: whatsapp-client's `formatXaf(amount, locale)` (flows re-exports it).
// @toktok/analytics depends on no other package, so it keeps a private copy behind its deprecated
// `formatXaf(value)`, and @toktok/smart-fallback's deprecated `formatAmount` with its defaults writes the
// same text. This holds the copies to the owner, so a change to one fails here until the others follow.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatXaf as analyticsFormatXaf } from "../../packages/analytics/src/format/french.js";
import { formatAmount } from "../../packages/smart-fallback/src/amount/format-amount.js";
import { formatXaf } from "../../packages/whatsapp-client/src/format.js";

const amounts = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
);

describe("formatXaf", () => {
  it("analytics' copy writes what whatsapp-client's writes in French, for any amount", () => {
    fc.assert(
      fc.property(amounts, (v) => {
        expect(analyticsFormatXaf(v)).toBe(formatXaf(v, "fr"));
      }),
    );
  });

  it("smart-fallback's formatAmount with its defaults writes the same for any amount from 0", () => {
    fc.assert(
      fc.property(amounts, (v) => {
        const x = Math.abs(v);
        expect(formatAmount(x)).toBe(formatXaf(x, "fr"));
      }),
    );
  });

  it("sees a difference (the English form is not the French one)", () => {
    expect(analyticsFormatXaf(15_000)).toBe("15 000 FCFA");
    expect(formatXaf(15_000, "en")).not.toBe(analyticsFormatXaf(15_000));
  });
});
