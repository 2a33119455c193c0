const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/** French name of an ISO weekday (1 = lundi). */
export function weekdayName(isoWeekday: number): string {
  return WEEKDAYS[isoWeekday - 1] ?? "?";
}

/** Formats a number the French way with a regular space as thousands separator: `23 700 000`. */
export function groupDigits(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = "0", frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${value < 0 ? "-" : ""}${grouped}${frac ? `,${frac}` : ""}`;
}

/** `23 700 000 FCFA`. */
export function formatXaf(value: number): string {
  return `${groupDigits(Math.round(value))} FCFA`;
}

/** A 0–1 ratio as `12,5 %` (French decimal comma, space before %). */
export function formatPct(ratio: number, decimals = 1): string {
  return `${groupDigits(ratio * 100, decimals)} %`;
}
