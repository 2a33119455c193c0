/** Options of {@link formatAmount}. */
export interface FormatAmountOptions {
  /** Thousands separator (default a space, as written in Congo: "5 000"). */
  separator?: string;
  /** Currency suffix (default `"FCFA"`); an empty string leaves it out. */
  currency?: string;
}

/**
 * Writes an integer amount the way users read it: `5000` → `"5 000 FCFA"`.
 * @example
 * formatAmount(2500000); // "2 500 000 FCFA"
 * formatAmount(7500, { separator: ".", currency: "F" }); // "7.500 F"
 * @deprecated For the text of an XAF amount use `formatXaf(amount, locale?)` of `@toktok/whatsapp-client`
 * (re-exported by `@toktok/flows`), the one formatter of the TokTok packages; its defaults write the same
 * text (held equal by `scripts/cross-package/format-xaf.test.ts`). Kept until 1.0 for callers that need
 * another separator or suffix.
 */
export function formatAmount(value: number, options: FormatAmountOptions = {}): string {
  const separator = options.separator ?? " ";
  const currency = options.currency ?? "FCFA";
  const sign = value < 0 ? "-" : "";
  const digits = String(Math.round(Math.abs(value)));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return currency === "" ? `${sign}${out}` : `${sign}${out} ${currency}`;
}
