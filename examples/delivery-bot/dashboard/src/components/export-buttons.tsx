import { useState } from "react";
import { apiPost, download, openReport, type Period } from "../api.ts";
import { useT } from "../lang.ts";

/** CSV / JSON / Excel / PDF / report of the selected period, fetched with the token then handed to the browser. */
export function ExportButtons({ token, period, today }: { token: string; period: Period; today: string | undefined }) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState(false);
  const day = today ?? new Date().toISOString().slice(0, 10);
  const run = (job: () => Promise<void>) => () => {
    setError(undefined);
    setSent(false);
    job().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <fieldset className="exports">
      <legend className="muted">{t.export}</legend>
      <button
        type="button"
        onClick={run(() => download(token, `/export.csv?period=${period}`, `toktok-${period}-${day}.csv`))}
      >
        {t.exportCsv}
      </button>
      <button
        type="button"
        onClick={run(() => download(token, `/export.json?period=${period}`, `toktok-${period}-${day}.json`))}
      >
        {t.exportJson}
      </button>
      <button
        type="button"
        data-export="xlsx"
        onClick={run(() => download(token, `/export.xlsx?period=${period}`, `toktok-${period}-${day}.xlsx`))}
      >
        {t.exportXlsx}
      </button>
      <button
        type="button"
        data-export="pdf"
        onClick={run(() => download(token, `/export.pdf?period=${period}`, `toktok-${period}-${day}.pdf`))}
      >
        {t.exportPdf}
      </button>
      <button type="button" onClick={run(() => openReport(token, period === "24h" ? "day" : "week"))}>
        {t.report}
      </button>
      <button
        type="button"
        data-action="send-report"
        onClick={run(async () => {
          await apiPost(token, `/reports/send?period=${period === "24h" ? "day" : "week"}`);
          setSent(true);
        })}
      >
        {t.sendReport}
      </button>
      {sent && <span className="muted">{t.reportSent}</span>}
      {error && <span className="error">{error}</span>}
    </fieldset>
  );
}
