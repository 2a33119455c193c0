import type { Kpis } from "../api.ts";
import { formatCount, formatRate, formatXaf, groupDigits } from "../format.ts";
import { useT } from "../lang.ts";
import { Kpi } from "./kpi.tsx";

/** The KPI cards. `data-kpi` names each value for tests and for anyone scraping the page. */
export function KpiCards({ kpis }: { kpis: Kpis }) {
  const { t, lang } = useT();
  return (
    <section className="kpis" aria-label="KPI">
      <Kpi
        title={t.kpi.sessions}
        kpi="sessions"
        value={formatCount(kpis.sessions)}
        sub={
          <>
            <span data-kpi="activeSessions">{formatCount(kpis.activeSessions)}</span> {t.kpi.activeNow}
          </>
        }
      />
      <Kpi
        title={t.kpi.activeUsers}
        kpi="activeUsers"
        value={formatCount(kpis.activeUsers)}
        sub={`${formatCount(kpis.messages)} ${t.kpi.messages}`}
      />
      <Kpi
        title={t.kpi.missionsOrders}
        value={
          <>
            <span data-kpi="missions">{formatCount(kpis.missions)}</span>
            <span className="sep"> / </span>
            <span data-kpi="orders">{formatCount(kpis.orders)}</span>
          </>
        }
        sub={`${t.kpi.missions} / ${t.kpi.orders}`}
      />
      <Kpi title={t.kpi.revenue} kpi="revenueXaf" value={formatXaf(kpis.revenueXaf)} tone="revenue" />
      <Kpi
        title={t.kpi.missionSuccess}
        kpi="missionSuccessRate"
        value={kpis.missionSuccessRate === null ? "—" : formatRate(kpis.missionSuccessRate, lang)}
      />
      <Kpi
        title={t.satisfaction}
        kpi="satisfaction"
        value={kpis.satisfaction === null ? "—" : `${groupDigits(kpis.satisfaction, 1, lang === "fr" ? "," : ".")} / 5`}
        sub={
          <>
            <span data-kpi="ratings">{formatCount(kpis.ratings)}</span> {t.kpi.ratings}
            {kpis.lowRatingShare === null ? null : (
              <>
                {" · "}
                <span data-kpi="lowRatingShare">{formatRate(kpis.lowRatingShare, lang)}</span> {t.kpi.low}
              </>
            )}
          </>
        }
      />
      <Kpi title={t.kpi.registeredUsers} kpi="registeredUsers" value={formatCount(kpis.registeredUsers)} />
      <Kpi
        title={t.kpi.errorRate}
        kpi="errorRate"
        value={formatRate(kpis.errorRate, lang)}
        {...(kpis.errorRate >= 0.05 ? { tone: "bad" } : {})}
      />
    </section>
  );
}
