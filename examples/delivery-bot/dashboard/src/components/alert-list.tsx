import type { Alert } from "../api.ts";
import { useT } from "../lang.ts";

/** Firing alerts, coloured by severity; `compact` is the banner on the overview. */
export function AlertList({ alerts, compact = false }: { alerts: Alert[]; compact?: boolean }) {
  const { t } = useT();
  return (
    <section className={`alerts${compact ? " compact" : ""}`} aria-live="polite" aria-label={t.activeAlerts}>
      {!compact && <h2>{t.activeAlerts}</h2>}
      {alerts.length === 0 && <p className="ok">{t.noAlert}</p>}
      <ul>
        {alerts.map((a) => (
          <li key={a.rule} className={`alert ${a.severity}`} data-alert={a.rule}>
            <strong>{t.severity[a.severity] ?? a.severity}</strong> — {a.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
