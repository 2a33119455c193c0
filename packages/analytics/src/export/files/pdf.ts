import { formatPct, formatXaf, groupDigits } from "../../format/french.js";
import { formatQuality, formatSatisfaction, keyFigures, type RenderedReport } from "../../reports/render.js";
import type { AnalyticsExport } from "../json.js";
import { loadPeer } from "./load-peer.js";
import { winAnsi } from "./pdf-text.js";

type Doc = PDFKit.PDFDocument;

/** A table: header, rows of cells, column widths (points) and which columns are right-aligned numbers. */
interface Table {
  header: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  widths: readonly number[];
  numeric: readonly boolean[];
}

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#111827").text(winAnsi(text));
  doc.moveDown(0.2).font("Helvetica").fontSize(10);
}

function table(doc: Doc, t: Table): void {
  const left = doc.page.margins.left;
  const line = (cells: readonly string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    cells.forEach((c, i) => {
      const width = t.widths[i] ?? 60;
      doc.text(winAnsi(c), x, y, { width: width - 6, align: t.numeric[i] ? "right" : "left", lineBreak: false });
      x += width;
    });
    doc.x = left;
    doc.y = y + 14;
  };
  line(t.header, true);
  for (const r of t.rows) line(r, false);
  doc.font("Helvetica").fontSize(10);
}

function paragraph(doc: Doc, text: string, options: { bold?: boolean; color?: string } = {}): void {
  doc
    .font(options.bold ? "Helvetica-Bold" : "Helvetica")
    .fillColor(options.color ?? "#111827")
    .text(winAnsi(text), doc.page.margins.left, undefined, { width: doc.page.width - doc.page.margins.left * 2 });
  doc.fillColor("#111827");
}

/**
 * The report as a PDF that reads like its HTML version — key figures with their
 * trend, dispatch quality, insights, alerts — plus the daily figures and the
 * funnels of `data` (an `exportJSON` of the same days). Needs the optional peer `pdfkit`.
 * @example
 * const report = await analytics.renderReport({ period: "day", date: "2026-11-20" });
 * const data = await analytics.exportJSON({ from: report.figures.from, to: report.figures.to });
 * const pdf = await toPdf(report, data); // attach as rapport-2026-11-20.pdf
 */
export async function toPdf(report: RenderedReport, data: Pick<AnalyticsExport, "daily" | "funnels">): Promise<Buffer> {
  const PDFDocument = await loadPeer<PDFKit.PDFDocument>("pdfkit", () => import("pdfkit"));
  const f = report.figures;
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    info: { Title: winAnsi(report.subject), Creator: "@toktok/analytics" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(18).text(winAnsi(report.subject));
  doc.font("Helvetica").fontSize(10).fillColor("#4b5563");
  doc.text(winAnsi(`Du ${f.from} au ${f.to} — comparaison avec la période précédente.`)).fillColor("#111827");

  heading(doc, "Chiffres clés");
  const rows = keyFigures(f.current, f.previous);
  table(doc, {
    header: ["Indicateur", "Valeur", "Évolution"],
    rows: rows.map((r) => [r.label, r.value, r.trend]),
    widths: [220, 140, 120],
    numeric: [false, true, true],
  });

  heading(doc, "Qualité du dispatch");
  paragraph(doc, formatQuality(f.qualityScore), { bold: true });

  heading(doc, "Satisfaction des clients");
  paragraph(doc, formatSatisfaction(f.satisfaction));

  heading(doc, "Chiffres par jour");
  table(doc, {
    header: ["Jour", "Sessions", "Messages", "Conversions", "Chiffre d'affaires", "Erreurs", "Taux d'erreur"],
    rows: data.daily.map((d) => [
      d.period,
      groupDigits(d.sessions),
      groupDigits(d.messages),
      groupDigits(d.conversions),
      formatXaf(d.revenueXaf),
      groupDigits(d.errors),
      formatPct(d.errorRate, 2),
    ]),
    widths: [70, 55, 60, 70, 105, 50, 75],
    numeric: [false, true, true, true, true, true, true],
  });

  heading(doc, "Entonnoirs");
  if (data.funnels.length === 0) paragraph(doc, "Aucun parcours sur la période.", { color: "#4b5563" });
  for (const funnel of data.funnels) {
    paragraph(doc, `${funnel.flow} — ${formatPct(funnel.completionPct / 100)} de bout en bout`, { bold: true });
    table(doc, {
      header: ["Étape", "Utilisateurs", "Conversion", "Abandon"],
      rows: funnel.steps.map((s) => [
        s.step,
        groupDigits(s.users),
        formatPct(s.conversionPct / 100),
        formatPct(s.dropOffPct / 100),
      ]),
      widths: [160, 90, 90, 90],
      numeric: [false, true, true, true],
    });
  }

  heading(doc, "Analyses et recommandations");
  if (f.insights.length === 0) paragraph(doc, "Rien à signaler.", { color: "#4b5563" });
  for (const i of f.insights) {
    paragraph(doc, i.title, { bold: true });
    paragraph(doc, i.detail);
    paragraph(doc, `Recommandation : ${i.recommendation}`, { color: "#4b5563" });
  }

  heading(doc, "Alertes");
  if (f.alerts.length === 0) paragraph(doc, "Aucune alerte.", { color: "#4b5563" });
  for (const x of f.alerts) {
    paragraph(doc, `${x.rule} (${x.severity}) : ${x.message}`, {
      color: x.severity === "critical" ? "#b91c1c" : "#92400e",
    });
  }
  doc.end();
  return done;
}
