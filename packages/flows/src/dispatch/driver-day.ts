import type { Mission, TokTokBackend } from "../backend/types.js";
import { brazzavilleDay } from "../i18n/date-text.js";
import { formatXaf } from "../i18n/format.js";
import type { Locale } from "../sessions/types.js";
import { dispatchTexts } from "./texts.js";

/** A driver's day: his latest missions and what the ones delivered today earned. */
export interface DriverDay {
  /** Latest first, at most `limit`. */
  history: Mission[];
  deliveredToday: number;
  /** Sum of the delivery prices of today's deliveries, XAF. */
  earningsXaf: number;
}

/** When a mission was delivered, from its history. */
const deliveredAt = (m: Mission) => m.history.find((h) => h.status === "delivered")?.at;

/** The driver's history and today's earnings (the day in Brazzaville time). */
export async function driverDay(
  missions: Pick<TokTokBackend["missions"], "list">,
  driverId: string,
  now: Date,
  limit = 5,
): Promise<DriverDay> {
  const mine = await missions.list({ driverId });
  const today = brazzavilleDay(now);
  const delivered = mine.filter((m) => {
    const at = deliveredAt(m);
    return m.status === "delivered" && at !== undefined && brazzavilleDay(at) === today;
  });
  return {
    history: [...mine].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit),
    deliveredToday: delivered.length,
    earningsXaf: delivered.reduce((sum, m) => sum + m.price, 0),
  };
}

/** The driver's day as one message: today's earnings, then the latest missions with their status. */
export function describeDriverDay(day: DriverDay, statusLabel: (m: Mission) => string, locale: Locale): string {
  const t = dispatchTexts[locale];
  const lines = day.history.map((m) => `• ${m.reference} — ${statusLabel(m)} — ${formatXaf(m.price, locale)}`);
  return `${t.earnings(day.deliveredToday, formatXaf(day.earningsXaf, locale))}\n${
    lines.length > 0 ? t.history(lines) : t.historyEmpty
  }`;
}
