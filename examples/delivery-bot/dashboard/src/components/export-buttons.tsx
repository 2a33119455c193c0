import { useState } from "react";
import { download, openReport, type Period } from "../api.ts";
import { useT } from "../lang.ts";

/** CSV / JSON / report of the selected period, fetched with the token then handed to the browser. */
export function ExportButtons({ token, period, today }: { token: string; period: Period; today: string | undefined }) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  const day = today ?? new Date().toISOString().slice(0, 10);
  const run = (job: () => Promise<void>) => () => {
    setError(undefined);
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
      <button type="button" onClick={run(() => openReport(token, period === "24h" ? "day" : "week"))}>
        {t.report}
      </button>
      {error && <span className="error">{error}</span>}
    </fieldset>
  );
}
