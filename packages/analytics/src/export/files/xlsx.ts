import type { Workbook, Worksheet } from "exceljs";
import type { AnalyticsExport } from "../json.js";
import { loadPeer } from "./load-peer.js";

/** Excel number formats: FCFA has no minor unit; rates are shown as percentages; days as dates. */
const FCFA = '#,##0 "FCFA"';
const INT = "#,##0";
const DEC = "#,##0.00";
const PCT = "0.00%";
const DAY = "yyyy-mm-dd";
const TIME = "yyyy-mm-dd hh:mm:ss";

interface Column {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
}

/** A `YYYY-MM-DD` local day as the date cell Excel shows as that day (midnight UTC, no zone shift). */
const dayCell = (day: string) => new Date(`${day}T00:00:00Z`);

function sheet(wb: Workbook, name: string, columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>) {
  const ws: Worksheet = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.numFmt === undefined ? {} : { style: { numFmt: c.numFmt } }),
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  return ws;
}

/**
 * The export as an Excel workbook, one sheet per table — Résumé, Jours, Entonnoirs,
 * Erreurs, Dispatch — with typed cells: numbers as numbers (FCFA amounts formatted
 * `#,##0 "FCFA"`, rates as percentages), days and times as dates. Needs the optional
 * peer `exceljs`.
 * @example
 * const xlsx = await toXlsx(await analytics.exportJSON({ from: "2026-11-01", to: "2026-11-30" }));
 * res.setHeader("content-type", XLSX_CONTENT_TYPE).end(xlsx);
 */
export async function toXlsx(data: AnalyticsExport): Promise<Buffer> {
  const ExcelJS = await loadPeer<typeof import("exceljs")>("exceljs", () => import("exceljs"));
  const wb = new ExcelJS.Workbook();
  wb.creator = "@toktok/analytics";
  wb.created = new Date(data.generatedAt);
  const s = data.summary;
  sheet(
    wb,
    "Résumé",
    [
      { header: "Indicateur", key: "label", width: 34 },
      { header: "Valeur", key: "value", width: 22 },
    ],
    [
      { label: "Du", value: dayCell(data.range.from) },
      { label: "Au", value: dayCell(data.range.to) },
      ...(data.companyId === undefined ? [] : [{ label: "Entreprise", value: data.companyId }]),
      { label: "Fuseau horaire", value: data.timeZone },
      { label: "Sessions", value: s.sessions.total },
      { label: "Utilisateurs actifs", value: s.activeUsers },
      { label: "Messages", value: s.messages.total },
      { label: "Conversions", value: s.conversions.total },
      { label: "Chiffre d'affaires", value: s.revenueXaf },
      { label: "Erreurs", value: s.errors.total },
      { label: "Taux d'erreur", value: s.errors.rate },
      { label: "Temps de réponse moyen (ms)", value: s.responseTime.avgMs },
      { label: "Temps de réponse p90 (ms)", value: s.responseTime.p90Ms },
    ],
  ).eachRow((row, n) => {
    // One column holds several kinds of figure: format each value cell by its row.
    const label = row.getCell(1).value;
    const cell = row.getCell(2);
    if (n === 1) return;
    if (label === "Du" || label === "Au") cell.numFmt = DAY;
    else if (label === "Chiffre d'affaires") cell.numFmt = FCFA;
    else if (label === "Taux d'erreur") cell.numFmt = PCT;
    else if (typeof cell.value === "number") cell.numFmt = Number.isInteger(cell.value) ? INT : DEC;
  });
  sheet(
    wb,
    "Jours",
    [
      { header: "Jour", key: "day", width: 12, numFmt: DAY },
      { header: "Sessions", key: "sessions", width: 10, numFmt: INT },
      { header: "Utilisateurs actifs", key: "activeUsers", width: 18, numFmt: INT },
      { header: "Messages", key: "messages", width: 10, numFmt: INT },
      { header: "Conversions", key: "conversions", width: 12, numFmt: INT },
      { header: "Chiffre d'affaires", key: "revenueXaf", width: 18, numFmt: FCFA },
      { header: "Erreurs", key: "errors", width: 9, numFmt: INT },
      { header: "Taux d'erreur", key: "errorRate", width: 13, numFmt: PCT },
      { header: "Temps de réponse moyen (ms)", key: "avgResponseMs", width: 26, numFmt: DEC },
    ],
    data.daily.map((d) => ({ ...d, day: dayCell(d.period) })),
  );
  sheet(
    wb,
    "Entonnoirs",
    [
      { header: "Parcours", key: "flow", width: 16 },
      { header: "Étape", key: "step", width: 16 },
      { header: "Utilisateurs", key: "users", width: 12, numFmt: INT },
      { header: "Conversion depuis l'étape précédente", key: "conversion", width: 34, numFmt: PCT },
      { header: "Abandon", key: "dropOff", width: 10, numFmt: PCT },
      { header: "Conversion depuis le début", key: "fromStart", width: 26, numFmt: PCT },
    ],
    data.funnels.flatMap((f) =>
      f.steps.map((st) => ({
        flow: f.flow,
        step: st.step,
        users: st.users,
        conversion: st.conversionPct / 100,
        dropOff: st.dropOffPct / 100,
        fromStart: st.conversionFromStartPct / 100,
      })),
    ),
  );
  sheet(
    wb,
    "Erreurs",
    [
      { header: "Erreur", key: "name", width: 20 },
      { header: "Message", key: "message", width: 50 },
      { header: "Occurrences", key: "count", width: 12, numFmt: INT },
      { header: "Dernière fois", key: "lastSeenAt", width: 20, numFmt: TIME },
    ],
    data.topErrors.map((e) => ({ ...e, lastSeenAt: new Date(e.lastSeenAt) })),
  );
  sheet(
    wb,
    "Dispatch",
    [
      { header: "Jour", key: "day", width: 12, numFmt: DAY },
      { header: "Courses", key: "total", width: 9, numFmt: INT },
      { header: "À l'heure", key: "onTime", width: 10, numFmt: INT },
      { header: "En retard", key: "late", width: 10, numFmt: INT },
      { header: "Annulées", key: "cancelled", width: 10, numFmt: INT },
      { header: "Retard moyen (min)", key: "avgDelayMinutes", width: 18, numFmt: DEC },
      { header: "Score qualité", key: "qualityScore", width: 13, numFmt: DEC },
    ],
    data.dispatch.map((d) => ({ ...d, day: dayCell(d.day) })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Content type of an `.xlsx` file. */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
