import type { Analytics, RenderedReport } from "@toktok/analytics";
import { toPdf } from "@toktok/analytics/files";

/** The PDF of a rendered report, with the daily figures and funnels of the same days (and company). */
export async function reportPdf(analytics: Analytics, report: RenderedReport): Promise<Buffer> {
  const { from, to, companyId } = report.figures;
  const data = await analytics.exportJSON({ from, to, ...(companyId === undefined ? {} : { companyId }) });
  return toPdf(report, data);
}

/** `rapport-jour-2026-11-20.pdf`, `rapport-semaine-2026-11-16.pdf`: what the attachment and the download are named. */
export function reportFilename(report: RenderedReport): string {
  const { period, from, companyId } = report.figures;
  const scope = companyId === undefined ? "" : `-${companyId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return `rapport-${period === "day" ? "jour" : "semaine"}${scope}-${from}.pdf`;
}
