import { AlertList } from "../components/alert-list.tsx";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Alerts({ data }: { data: DashboardData }) {
  const { t } = useT();
  if (!data.alerts) return null;
  return (
    <>
      <AlertList alerts={data.alerts.active} />
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
