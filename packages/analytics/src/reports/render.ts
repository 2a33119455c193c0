import { formatPct, formatXaf, groupDigits } from "../format/french.js";
import { LOW_RATING } from "../satisfaction/satisfaction.js";
import type { AnalyticsSummary } from "../summary/summary.js";
import type { ReportFigures } from "./figures.js";

/** A rendered report: e-mail subject, self-contained HTML, plain-text alternative, and the figures used. */
export interface RenderedReport {
  subject: string;
  html: string;
  text: string;
  figures: ReportFigures;
}

/** One line of the key figures: label, formatted value, trend against the previous period. */
export interface Row {
  label: string;
  value: string;
  trend: string;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function trend(now: number, before: number): string {
  if (before === 0) return now === 0 ? "=" : "nouveau";
  const pct = ((now - before) / before) * 100;
  if (Math.abs(pct) < 0.05) return "=";
  return `${pct > 0 ? "▲ +" : "▼ −"}${groupDigits(Math.abs(pct), 1)} %`;
}

/** The key figures of a report, as the HTML, text and PDF versions show them. */
export function keyFigures(c: AnalyticsSummary, p: AnalyticsSummary): Row[] {
  return [
    { label: "Sessions", value: groupDigits(c.sessions.total), trend: trend(c.sessions.total, p.sessions.total) },
    { label: "Utilisateurs actifs", value: groupDigits(c.activeUsers), trend: trend(c.activeUsers, p.activeUsers) },
    { label: "Messages", value: groupDigits(c.messages.total), trend: trend(c.messages.total, p.messages.total) },
    {
      label: "Conversions",
      value: groupDigits(c.conversions.total),
      trend: trend(c.conversions.total, p.conversions.total),
    },
    { label: "Chiffre d'affaires", value: formatXaf(c.revenueXaf), trend: trend(c.revenueXaf, p.revenueXaf) },
    { label: "Taux d'erreur", value: formatPct(c.errors.rate, 2), trend: trend(c.errors.rate, p.errors.rate) },
    {
      label: "Temps de réponse moyen",
      value: `${groupDigits(c.responseTime.avgMs)} ms`,
      trend: trend(c.responseTime.avgMs, p.responseTime.avgMs),
    },
  ];
}

/** A quality score as reports print it: `78/100`, `72,5/100`, or `—` without dispatch data. */
export function formatQuality(score: number | null): string {
  return score === null ? "—" : `${groupDigits(score, Number.isInteger(score) ? 0 : 1)}/100`;
}

/**
 * Customers' satisfaction as reports print it: `4,3/5 sur 3 avis, 33 % de notes basses (≤ 2)`, or
 * `— (aucun avis)` without a rating in the period.
 */
export function formatSatisfaction(s: ReportFigures["satisfaction"]): string {
  if (s.count === 0) return "— (aucun avis)";
  return `${groupDigits(s.average, Number.isInteger(s.average) ? 0 : 1)}/5 sur ${groupDigits(s.count)} avis, ${formatPct(s.lowShare, 0)} de notes basses (≤ ${LOW_RATING})`;
}

const cell = "padding:6px 10px;border-bottom:1px solid #e5e7eb;";

function html(f: ReportFigures, title: string, table: Row[]): string {
  const tr = table
    .map(
      (r) =>
        `<tr><td style="${cell}">${esc(r.label)}</td><td style="${cell}text-align:right;white-space:nowrap;font-weight:bold;">${esc(r.value)}</td><td style="${cell}text-align:right;white-space:nowrap;color:#4b5563;">${esc(r.trend)}</td></tr>`,
    )
    .join("");
  const quality = formatQuality(f.qualityScore);
  const insights =
    f.insights.length === 0
      ? `<p style="margin:4px 0;color:#4b5563;">Rien à signaler.</p>`
      : `<ul style="margin:4px 0;padding-left:20px;">${f.insights.map((i) => `<li style="margin:4px 0;"><strong>${esc(i.title)}</strong> — ${esc(i.detail)}<br><em>Recommandation : ${esc(i.recommendation)}</em></li>`).join("")}</ul>`;
  const alerts =
    f.alerts.length === 0
      ? `<p style="margin:4px 0;color:#4b5563;">Aucune alerte.</p>`
      : `<ul style="margin:4px 0;padding-left:20px;">${f.alerts.map((x) => `<li style="margin:4px 0;color:${x.severity === "critical" ? "#b91c1c" : "#92400e"};"><strong>${esc(x.rule)}</strong> (${esc(x.severity)}) : ${esc(x.message)}</li>`).join("")}</ul>`;
  const h2 = `style="font-size:16px;margin:20px 0 6px;border-bottom:2px solid #111827;page-break-after:avoid;"`;
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title></head>
<body style="margin:0;padding:16px;background:#ffffff;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:14px;">
<div style="max-width:640px;margin:0 auto;">
<h1 style="font-size:20px;margin:0 0 4px;">${esc(title)}</h1>
<p style="margin:0 0 12px;color:#4b5563;">Du ${esc(f.from)} au ${esc(f.to)} — comparaison avec la période précédente.</p>
<h2 ${h2}>Chiffres clés</h2>
<table role="presentation" style="width:100%;border-collapse:collapse;page-break-inside:avoid;">${tr}</table>
<h2 ${h2}>Qualité du dispatch</h2>
<p style="margin:4px 0;font-size:18px;font-weight:bold;">${esc(quality)}</p>
<h2 ${h2}>Satisfaction des clients</h2>
<p style="margin:4px 0;">${esc(formatSatisfaction(f.satisfaction))}</p>
<h2 ${h2}>Analyses et recommandations</h2>
${insights}
<h2 ${h2}>Alertes</h2>
${alerts}
<p style="margin:24px 0 0;color:#9ca3af;font-size:12px;">Rapport généré par @toktok/analytics.</p>
</div></body></html>
`;
}

function text(f: ReportFigures, title: string, table: Row[]): string {
  const lines = [title, `Du ${f.from} au ${f.to}`, "", "CHIFFRES CLÉS"];
  for (const r of table) lines.push(`- ${r.label} : ${r.value} (${r.trend})`);
  lines.push("", `QUALITÉ DU DISPATCH : ${formatQuality(f.qualityScore)}`);
  lines.push("", `SATISFACTION DES CLIENTS : ${formatSatisfaction(f.satisfaction)}`, "", "ANALYSES ET RECOMMANDATIONS");
  if (f.insights.length === 0) lines.push("- Rien à signaler.");
  for (const i of f.insights) lines.push(`- ${i.title} — ${i.detail}`, `  Recommandation : ${i.recommendation}`);
  lines.push("", "ALERTES");
  if (f.alerts.length === 0) lines.push("- Aucune alerte.");
  for (const x of f.alerts) lines.push(`- [${x.severity}] ${x.rule} : ${x.message}`);
  return `${lines.join("\n")}\n`;
}

/** Renders the figures of a day or ISO-week report as HTML (inline styles, no external asset) and plain text. */
export function renderReport(f: ReportFigures): RenderedReport {
  const who = f.companyId === undefined ? "TokTok" : `TokTok (${f.companyId})`;
  const title = f.period === "day" ? `${who} — rapport du ${f.from}` : `${who} — rapport de la semaine du ${f.from}`;
  const table = keyFigures(f.current, f.previous);
  return { subject: title, html: html(f, title, table), text: text(f, title, table), figures: f };
}
