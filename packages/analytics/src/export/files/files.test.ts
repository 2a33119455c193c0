import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { Analytics } from "../../analytics.js";
import { formatXaf, groupDigits } from "../../format/french.js";
import { NOW, playScript } from "../../testing/scripted-data.js";
import { toPdf, toXlsx, XLSX_CONTENT_TYPE } from "./index.js";
import { winAnsi } from "./pdf-text.js";

async function scripted() {
  const clock = { now: NOW };
  const a = new Analytics({
    now: () => clock.now,
    alerts: [
      { name: "erreurs", type: "threshold", metric: "errorRate", op: ">", value: 0.01, windowMs: 7 * 86_400_000 },
    ],
  });
  await playScript(a, clock);
  return a;
}

const FCFA = '#,##0 "FCFA"';

describe("toXlsx", () => {
  it("writes one sheet per table with typed cells equal to the API's figures", async () => {
    const a = await scripted();
    const range = { from: "2026-11-15", to: "2026-11-21" };
    const data = await a.exportJSON(range);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(data)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Résumé", "Jours", "Entonnoirs", "Erreurs", "Dispatch"]);

    const summary = await a.getSummary({ from: "2026-11-15", to: "2026-11-22" });
    const resume = wb.getWorksheet("Résumé");
    const value = (label: string) => {
      let found: ExcelJS.Cell | undefined;
      resume?.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2);
      });
      return found;
    };
    expect(value("Chiffre d'affaires")?.value).toBe(summary.revenueXaf);
    expect(value("Chiffre d'affaires")?.numFmt).toBe(FCFA);
    expect(value("Messages")?.value).toBe(summary.messages.total);
    expect(value("Taux d'erreur")?.value).toBe(summary.errors.rate);
    expect(value("Du")?.value).toEqual(new Date("2026-11-15T00:00:00Z"));

    const daily = await a.getDailyStats(range);
    const jours = wb.getWorksheet("Jours");
    expect(jours?.rowCount).toBe(daily.length + 1);
    daily.forEach((d, i) => {
      const row = jours?.getRow(i + 2);
      expect(row?.getCell(1).value).toEqual(new Date(`${d.period}T00:00:00Z`));
      expect(row?.getCell(1).numFmt).toBe("yyyy-mm-dd");
      expect([2, 3, 4, 5, 6, 7, 8, 9].map((c) => row?.getCell(c).value)).toEqual([
        d.sessions,
        d.activeUsers,
        d.messages,
        d.conversions,
        d.revenueXaf,
        d.errors,
        d.errorRate,
        d.avgResponseMs,
      ]);
      expect(typeof row?.getCell(6).value).toBe("number");
      expect(row?.getCell(6).numFmt).toBe(FCFA);
    });

    const funnel = await a.getFunnel("courier", { from: "2026-11-15", to: "2026-11-22" });
    const steps: unknown[][] = [];
    wb.getWorksheet("Entonnoirs")?.eachRow((row, n) => {
      if (n > 1) steps.push([row.getCell(2).value, row.getCell(3).value]);
    });
    expect(steps).toEqual(funnel.steps.map((s) => [s.step, s.users]));

    const errors = wb.getWorksheet("Erreurs")?.getRow(2);
    const [top] = await a.getTopErrors(1, { from: "2026-11-15", to: "2026-11-22" });
    expect(errors?.getCell(3).value).toBe(top?.count);
    expect(errors?.getCell(4).value).toEqual(new Date(top?.lastSeenAt ?? 0));
    const friday = wb.getWorksheet("Dispatch")?.getRow(7);
    expect(friday?.getCell(1).value).toEqual(new Date("2026-11-20T00:00:00Z"));
    expect(friday?.getCell(7).value).toBe(await a.qualityScore("2026-11-20"));
    expect(XLSX_CONTENT_TYPE).toMatch(/spreadsheetml/);
    await a.close();
  });
});

describe("toPdf", () => {
  it("reads like the HTML report and carries the daily and funnel figures", async () => {
    const a = await scripted();
    const report = await a.renderReport({ period: "week", date: "2026-11-18" });
    const data = await a.exportJSON({ from: report.figures.from, to: report.figures.to });
    const pdf = await toPdf(report, data);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();

    const s = report.figures.current;
    expect(text).toContain(winAnsi(report.subject));
    expect(text).toContain(formatXaf(s.revenueXaf));
    expect(text).toContain(`Messages ${groupDigits(s.messages.total)}`);
    expect(text).toContain("Qualité du dispatch 72/100");
    for (const d of data.daily) {
      expect(text).toContain(
        `${d.period} ${groupDigits(d.sessions)} ${groupDigits(d.messages)} ${groupDigits(d.conversions)} ${formatXaf(d.revenueXaf)}`,
      );
    }
    const funnel = data.funnels[0];
    expect(funnel?.flow).toBe("courier");
    for (const step of funnel?.steps ?? []) expect(text).toContain(`${step.step} ${groupDigits(step.users)}`);
    expect(text).toMatch(/vendredi/);
    expect(text).toContain(`erreurs (warning)`);
    await a.close();
  });

  it("prints what the standard fonts cannot as plain characters", () => {
    expect(winAnsi("▲ +12,5 % — 23 700 000 FCFA · z = ∞ ✓")).toBe("+ +12,5 % — 23 700 000 FCFA · z = inf ?");
  });
});
