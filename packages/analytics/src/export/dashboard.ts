import { formatPct, formatXaf, groupDigits } from "../format/french.js";
import type { AnalyticsReader } from "../reader.js";
import { dayKey, dayNumber } from "../time/zone.js";

const line = (label: string, value: string) => `${label.padEnd(22)} ${value}`;

/** A plain-text dashboard (no colour codes, fits 80 columns) for a terminal. */
export async function renderDashboard(a: AnalyticsReader): Promise<string> {
  const now = a.now();
  const today = dayNumber(now, a.timeZone);
  const s = await a.getSummary();
  const active24h = await a.getActiveUsers(86_400_000);
  const errors = await a.getTopErrors(3);
  const quality = await a.qualityScore(dayKey(today - 1));
  const byRole = `client ${s.sessions.byRole.client} · livreur ${s.sessions.byRole.livreur} · entreprise ${s.sessions.byRole.entreprise}`;
  const byType = Object.entries(s.messages.byType)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 4)
    .map(([t, n]) => `${t} ${groupDigits(n)}`)
    .join(" · ");
  const rule = "─".repeat(64);
  const lines = [
    `TokTok — tableau de bord · ${new Date(now).toISOString().slice(0, 16).replace("T", " ")} UTC (${a.timeZone})`,
    rule,
    line("Sessions", `${groupDigits(s.sessions.total)} (actives ${groupDigits(s.sessions.active)}) — ${byRole}`),
    line("Utilisateurs (24 h)", groupDigits(active24h)),
    line("Messages", `${groupDigits(s.messages.total)}${byType ? ` — ${byType}` : ""}`),
    line("Conversions", groupDigits(s.conversions.total)),
    line("Chiffre d'affaires", formatXaf(s.revenueXaf)),
    line(
      "Temps de réponse",
      `moy. ${groupDigits(s.responseTime.avgMs)} ms · p50 ${groupDigits(s.responseTime.p50Ms)} · p90 ${groupDigits(s.responseTime.p90Ms)} · p99 ${groupDigits(s.responseTime.p99Ms)} ms`,
    ),
    line("Erreurs", `${groupDigits(s.errors.total)} (taux ${formatPct(s.errors.rate, 2)})`),
    line(
      "Qualité dispatch (hier)",
      quality === null ? "—" : `${groupDigits(quality, Number.isInteger(quality) ? 0 : 1)}/100`,
    ),
    rule,
    "Erreurs fréquentes",
    ...(errors.length === 0
      ? ["  aucune"]
      : errors.map((e) => `  ${groupDigits(e.count).padStart(6)} × ${e.name}: ${e.message}`.slice(0, 100))),
  ];
  return `${lines.join("\n")}\n`;
}
