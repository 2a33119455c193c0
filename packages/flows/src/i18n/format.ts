import { formatXaf as formatXafOnce } from "@toktok/whatsapp-client";
import type { Locale } from "../sessions/types.js";

/** `15 000 FCFA` (fr, ln) / `15,000 XAF` (en): the one XAF formatter, whatsapp-client's. */
export function formatXaf(amount: number, locale: Locale): string {
  return formatXafOnce(amount, locale);
}

/** `+242 06 123 4567` for a Congo number, `+<digits>` otherwise. */
export function formatPhone(phone: string): string {
  const d = phone.replace(/\D/g, "");
  if (d.startsWith("242") && d.length === 12) return `+242 ${d.slice(3, 5)} ${d.slice(5, 8)} ${d.slice(8)}`;
  return `+${d}`;
}
