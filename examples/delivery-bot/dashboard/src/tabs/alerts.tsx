import { useState } from "react";
import { type AlertRecord, apiPost } from "../api.ts";
import { AlertList } from "../components/alert-list.tsx";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

/** The alert monitor's open records, each with its Acknowledge button (POST /alerts/{id}/ack). */
function OpenAlerts({ records, token, onChange }: { records: AlertRecord[]; token: string; onChange: () => void }) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  if (records.length === 0) return null;
  const ack = (id: string) => () => {
    setError(undefined);
    apiPost(token, `/alerts/${encodeURIComponent(id)}/ack`).then(onChange, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <section className="card">
      <h2>{t.openAlerts}</h2>
      <ul className="records">
        {records.map((r) => (
          <li key={r.id} data-alert-id={r.id} data-state={r.state}>
            <strong>{r.rule}</strong> — {r.alert.message}{" "}
            <span className="muted">
              ({t.firedAt} {new Date(r.firedAt).toLocaleString()})
            </span>{" "}
            {r.state === "active" ? (
              <button type="button" data-ack={r.id} onClick={ack(r.id)}>
                {t.ack}
              </button>
            ) : (
              <span className="muted">
                {t.acknowledgedBy} {r.acknowledgedBy ?? "—"}
              </span>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
    </section>
  );
}

export function Alerts({ data, token, reload }: { data: DashboardData; token: string; reload: () => void }) {
  const { t } = useT();
  if (!data.alerts) return null;
  return (
    <>
      <AlertList alerts={data.alerts.active} />
      <OpenAlerts records={data.alerts.records ?? []} token={token} onChange={reload} />
      <section className="card">
        <h2>{t.rules}</h2>
        <ul className="rules">
          {data.alerts.rules.map((r) => (
            <li key={r.name} className={r.active ? "active" : undefined} data-rule={r.name}>
              <span className={`dot ${r.active ? "on" : "off"}`} aria-hidden="true" />
              <strong>{r.name}</strong>{" "}
              <span className="muted">
                ({r.type}, {r.metric})
              </span>{" "}
              — {r.active ? t.ruleActive : t.ruleOk}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
