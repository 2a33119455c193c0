import { formatPct, formatXaf, groupDigits } from "../format/french.js";
import type { AnalyticsReader } from "../reader.js";
import { dayKey, dayNumber, zoneOffsetMs } from "../time/zone.js";
import { SESSION_ROLES } from "../validate.js";

/** Options of the terminal dashboard. */
export interface DashboardTextOptions {
  /** Language of the labels; default `"fr"` (figures keep the French grouping, "1 234,5"). */
  locale?: "fr" | "en";
}

// Every label of the dashboard, per language: nothing English leaks into the French one (the
// WhatsApp message types and the roles included).
const labels = {
  fr: {
    title: "TokTok — tableau de bord",
    localTime: "heure locale",
    sessions: "Sessions",
    active: "actives",
    users: "Utilisateurs (24 h)",
    messages: "Messages",
    conversions: "Conversions",
    revenue: "Chiffre d'affaires",
    response: "Temps de réponse",
    avg: "moy.",
    errors: "Erreurs",
    rate: "taux",
    quality: "Qualité dispatch (hier)",
    topErrors: "Erreurs fréquentes",
    none: "aucune",
    roles: { client: "client", livreur: "livreur", entreprise: "entreprise" },
    types: {
      text: "texte",
      button_reply: "bouton",
      list_reply: "liste",
      location: "position",
      image: "image",
      audio: "vocal",
      video: "vidéo",
      document: "document",
      sticker: "autocollant",
      contacts: "contact",
      reaction: "réaction",
      button: "bouton modèle",
      order: "commande",
      interactive: "interactif",
      unsupported: "non pris en charge",
    } as Record<string, string>,
  },
  en: {
    title: "TokTok — dashboard",
    localTime: "local time",
    sessions: "Sessions",
    active: "active",
    users: "Users (24 h)",
    messages: "Messages",
    conversions: "Conversions",
    revenue: "Revenue",
    response: "Response time",
    avg: "avg",
    errors: "Errors",
    rate: "rate",
    quality: "Dispatch quality (yesterday)",
    topErrors: "Top errors",
    none: "none",
    roles: { client: "customer", livreur: "driver", entreprise: "business" },
    types: {
      text: "text",
      button_reply: "button",
      list_reply: "list",
      location: "location",
      audio: "voice",
    } as Record<string, string>,
  },
};

const line = (label: string, value: string) => `${label.padEnd(28)} ${value}`;

/** `2026-12-05 20:22` on the wall clocks of `timeZone` (the zone's offset at that instant, applied to UTC). */
const localMinute = (ms: number, timeZone: string): string =>
  new Date(ms + zoneOffsetMs(timeZone, ms)).toISOString().slice(0, 16).replace("T", " ");

/** A plain-text dashboard (no colour codes, fits 80 columns) for a terminal, times in the reader's zone. */
export async function renderDashboard(a: AnalyticsReader, options: DashboardTextOptions = {}): Promise<string> {
  const l = labels[options.locale ?? "fr"];
  const now = a.now();
  const today = dayNumber(now, a.timeZone);
  const s = await a.getSummary();
  const active24h = await a.getActiveUsers(86_400_000);
  const errors = await a.getTopErrors(3);
  const quality = await a.qualityScore(dayKey(today - 1));
  const byRole = SESSION_ROLES.map((r) => `${l.roles[r]} ${groupDigits(s.sessions.byRole[r])}`).join(" · ");
  const byType = Object.entries(s.messages.byType)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 4)
    .map(([t, n]) => `${l.types[t] ?? t} ${groupDigits(n)}`)
    .join(" · ");
  const rule = "─".repeat(64);
  const r = s.responseTime;
  const lines = [
    `${l.title} · ${localMinute(now, a.timeZone)} (${l.localTime}, ${a.timeZone})`,
    rule,
    line(l.sessions, `${groupDigits(s.sessions.total)} (${l.active} ${groupDigits(s.sessions.active)}) — ${byRole}`),
    line(l.users, groupDigits(active24h)),
    line(l.messages, `${groupDigits(s.messages.total)}${byType ? ` — ${byType}` : ""}`),
    line(l.conversions, groupDigits(s.conversions.total)),
    line(l.revenue, formatXaf(s.revenueXaf)),
    line(
      l.response,
      `${l.avg} ${groupDigits(r.avgMs)} ms · p50 ${groupDigits(r.p50Ms)} · p90 ${groupDigits(r.p90Ms)} · p99 ${groupDigits(r.p99Ms)} ms`,
    ),
    line(l.errors, `${groupDigits(s.errors.total)} (${l.rate} ${formatPct(s.errors.rate, 2)})`),
    line(l.quality, quality === null ? "—" : `${groupDigits(quality, Number.isInteger(quality) ? 0 : 1)}/100`),
    rule,
    l.topErrors,
    ...(errors.length === 0
      ? [`  ${l.none}`]
      : errors.map((e) => `  ${groupDigits(e.count).padStart(6)} × ${e.name}: ${e.message}`.slice(0, 100))),
  ];
  return `${lines.join("\n")}\n`;
}
