import type { Locale } from "../sessions/types.js";
import { TIME_ZONE } from "../time-zone.js";

// Weekday, day, month and 24-hour time, in Brazzaville's zone: the same fields in both languages.
const fields: Intl.DateTimeFormatOptions = {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};
const fr = new Intl.DateTimeFormat("fr-FR", fields);
const en = new Intl.DateTimeFormat("en-GB", fields);

/**
 * A moment as people in Brazzaville say it, never an ISO string: `jeudi 21 novembre à 10 h 05` (fr and
 * ln), `Thursday 21 November at 10:05` (en). Used in texts and as the fallback of template date parameters.
 */
export function formatDateText(at: Date | string, locale: Locale = "fr"): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return "";
  const parts = Object.fromEntries(
    (locale === "en" ? en : fr).formatToParts(date).map((p) => [p.type, p.value] as const),
  ) as Record<string, string>;
  if (locale === "en") return `${parts.weekday} ${parts.day} ${parts.month} at ${parts.hour}:${parts.minute}`;
  return `${parts.weekday} ${parts.day} ${parts.month} à ${parts.hour} h ${parts.minute}`;
}

/** The calendar day (`2026-11-21`) of a moment in Brazzaville time. */
export function brazzavilleDay(at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  // sv-SE writes dates as YYYY-MM-DD.
  return date.toLocaleDateString("sv-SE", { timeZone: TIME_ZONE });
}
