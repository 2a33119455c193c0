import type { Kpis } from "../api.ts";
import { formatCount, formatRate, formatXaf } from "../format.ts";
import { useT } from "../lang.ts";

/** The KPI cards. `data-kpi` names each value for tests and for anyone scraping the page. */
export function KpiCards({ kpis }: { kpis: Kpis }) {
  const { t, lang } = useT();
  return (
    <section className="kpis" aria-label="KPI">
      <article className="kpi">
        <h3>{t.kpi.sessions}</h3>
        <p className="value" data-kpi="sessions">
          {formatCount(kpis.sessions)}
        </p>
        <p className="sub">
          <span data-kpi="activeSessions">{formatCount(kpis.activeSessions)}</span> {t.kpi.activeNow}
        </p>
      </article>
      <article className="kpi">
        <h3>{t.kpi.activeUsers}</h3>
        <p className="value" data-kpi="activeUsers">
          {formatCount(kpis.activeUsers)}
        </p>
        <p className="sub">
          {formatCount(kpis.messages)} {t.kpi.messages}
        </p>
      </article>
      <article className="kpi">
        <h3>{t.kpi.missionsOrders}</h3>
        <p className="value">
          <span data-kpi="missions">{formatCount(kpis.missions)}</span>
          <span className="sep"> / </span>
          <span data-kpi="orders">{formatCount(kpis.orders)}</span>
        </p>
        <p className="sub">
          {t.kpi.missions} / {t.kpi.orders}
        </p>
      </article>
      <article className="kpi revenue">
        <h3>{t.kpi.revenue}</h3>
        <p className="value" data-kpi="revenueXaf">
          {formatXaf(kpis.revenueXaf)}
        </p>
      </article>
      <article className="kpi">
        <h3>{t.kpi.missionSuccess}</h3>
        <p className="value" data-kpi="missionSuccessRate">
          {kpis.missionSuccessRate === null ? "—" : formatRate(kpis.missionSuccessRate, lang)}
        </p>
      </article>
      <article className="kpi">
        <h3>{t.kpi.registeredUsers}</h3>
        <p className="value" data-kpi="registeredUsers">
          {formatCount(kpis.registeredUsers)}
        </p>
      </article>
      <article className={`kpi${kpis.errorRate >= 0.05 ? " bad" : ""}`}>
        <h3>{t.kpi.errorRate}</h3>
        <p className="value" data-kpi="errorRate">
          {formatRate(kpis.errorRate, lang)}
        </p>
      </article>
    </section>
  );
}
