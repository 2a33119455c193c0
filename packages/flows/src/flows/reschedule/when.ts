import { normalizeWords } from "../../engine/commands.js";
import { TIME_ZONE_OFFSET_MS as OFFSET_MS } from "../../time-zone.js";

// Times are Brazzaville wall-clock times; its offset is fixed, so plain arithmetic is exact.
const DAY_MS = 86_400_000;
const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

/**
 * A new pickup time said in French, Brazzaville time: "demain à 10h", "jeudi 14h", "aujourd'hui 16 h 30",
 * "après-demain 9h15", "lundi à 8:45". The day is today, tomorrow, the day after, or the next such
 * weekday (today's weekday is today when the hour is still ahead, else next week). Needs an hour;
 * `undefined` when the text says no day and hour, or names an impossible one (25 h).
 */
export function parseFrenchWhen(text: string, now: Date): Date | undefined {
  const words = normalizeWords(text);
  const time = /\b([01]?\d|2[0-3])\s*(?:h|heures?)\s*(\d{2})?\b|\b([01]?\d|2[0-3])\s(\d{2})\b/.exec(
    words.replace(/(\d)\s*:\s*(\d)/g, "$1 $2"),
  );
  if (!time) return undefined;
  const hour = Number(time[1] ?? time[3]);
  const minute = Number(time[2] ?? time[4] ?? 0);
  if (minute > 59) return undefined;
  // Local midnight of today, as epoch ms of the Brazzaville wall clock.
  const localNow = now.getTime() + OFFSET_MS;
  const today = localNow - (localNow % DAY_MS);
  const at = (dayOffset: number) => today + dayOffset * DAY_MS + hour * 3_600_000 + minute * 60_000 - OFFSET_MS;
  if (/\bapres demain\b/.test(words)) return new Date(at(2));
  if (/\bdemain\b/.test(words)) return new Date(at(1));
  if (/\b(aujourd hui|ce soir|cet apres midi|ce matin)\b/.test(words)) return new Date(at(0));
  const weekday = WEEKDAYS.findIndex((d) => new RegExp(`\\b${d}\\b`).test(words));
  if (weekday === -1) return undefined;
  const todayWeekday = new Date(today).getUTCDay();
  let ahead = (weekday - todayWeekday + 7) % 7;
  if (ahead === 0 && at(0) <= now.getTime()) ahead = 7;
  return new Date(at(ahead));
}
