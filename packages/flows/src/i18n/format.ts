import type { Locale } from "../sessions/types.js";

/** `15 000 FCFA` (fr) / `15,000 XAF` (en): amounts in XAF have no minor unit. */
export function formatXaf(amount: number, locale: Locale): string {
  const n = Math.round(amount);
  if (locale === "en") return `${n.toLocaleString("en-US")} XAF`;
  // Narrow no-break spaces from Intl read badly on some phones: use plain spaces.
  return `${n.toLocaleString("fr-FR").replace(/[\u202f\u00a0]/g, " ")} FCFA`;
}

/** `+242 06 123 4567` for a Congo number, `+<digits>` otherwise. */
export function formatPhone(phone: string): string {
  const d = phone.replace(/\D/g, "");
  if (d.startsWith("242") && d.length === 12) return `+242 ${d.slice(3, 5)} ${d.slice(5, 8)} ${d.slice(8)}`;
  return `+${d}`;
}
