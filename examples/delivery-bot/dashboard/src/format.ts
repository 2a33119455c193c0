/** `23700000` → `23 700 000` (regular spaces, as @toktok/analytics writes amounts in its reports). */
export function groupDigits(value: number, decimals = 0, decimalMark = ","): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = "0", frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${value < 0 ? "-" : ""}${grouped}${frac ? `${decimalMark}${frac}` : ""}`;
}

/** `23 700 000 FCFA` (the franc CFA has no minor unit). */
export function formatXaf(value: number): string {
  return `${groupDigits(Math.round(value))} FCFA`;
}

/** 0–1 ratio → `12,5 %` in French, `12.5%` in English. */
export function formatRate(ratio: number, lang: "fr" | "en", decimals = 1): string {
  return lang === "fr" ? `${groupDigits(ratio * 100, decimals, ",")} %` : `${groupDigits(ratio * 100, decimals, ".")}%`;
}

/** Already a percentage (0–100), as funnels give it. */
export function formatPct(pct: number, lang: "fr" | "en", decimals = 1): string {
  return formatRate(pct / 100, lang, decimals);
}

/** Integer counts grouped the same way in both languages. */
export function formatCount(n: number): string {
  return groupDigits(n);
}
