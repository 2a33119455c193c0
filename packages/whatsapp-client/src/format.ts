/**
 * Writes an amount in XAF (francs CFA, no minor unit) the way the reader of a message expects it:
 * `5 000 FCFA` in French and in the Congo's other languages (plain spaces: the narrow no-break
 * spaces of `Intl` render badly on some phones), `5,000 XAF` in English. Rounded to the franc.
 *
 * The one formatter of the TokTok packages: `@toktok/flows` re-exports it, and a template's
 * currency parameter uses it for its fallback text.
 * @param locale A language code; `"en"` (or `"en-…"`) gives the English form, anything else the French one.
 * @example
 * formatXaf(2_500_000); // "2 500 000 FCFA"
 * formatXaf(15_000, "en"); // "15,000 XAF"
 */
export function formatXaf(amount: number, locale = "fr"): string {
  const rounded = Math.round(amount);
  const english = locale === "en" || locale.startsWith("en-");
  const digits = Math.abs(rounded)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, english ? "," : " ");
  return `${rounded < 0 ? "-" : ""}${digits} ${english ? "XAF" : "FCFA"}`;
}
