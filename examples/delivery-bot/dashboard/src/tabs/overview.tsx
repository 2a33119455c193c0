import { useMemo } from "react";
import { AlertList } from "../components/alert-list.tsx";
import { KpiCards } from "../components/kpi-cards.tsx";
import { LiveSession } from "../components/live-session.tsx";
import { PaymentsCard } from "../components/payments-card.tsx";
import { TimeSeries } from "../components/time-series.tsx";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Overview({ data }: { data: DashboardData }) {
  const { t } = useT();
  const daily = data.daily ?? [];
  const days = useMemo(() => daily.map((d) => d.period), [daily]);
  const messages = useMemo(
    () => [{ label: t.kpi.messages, values: daily.map((d) => d.messages), color: "#1f6feb" }],
    [daily, t],
  );
  const revenue = useMemo(() => [{ label: "FCFA", values: daily.map((d) => d.revenueXaf), color: "#1a7f37" }], [daily]);
  return (
    <>
      {data.alerts && data.alerts.active.length > 0 && <AlertList alerts={data.alerts.active} compact />}
      {data.summary?.live && <LiveSession summary={data.summary} />}
      {data.summary?.live && (
        <h2 className="history-label" data-testid="history-label">
          {t.live.history}
        </h2>
      )}
      {data.summary && <KpiCards kpis={data.summary.kpis} />}
      <PaymentsCard payments={data.payments} />
      <div className="grid2">
        <TimeSeries testId="chart-messages" title={t.dailyMessages} days={days} series={messages} />
        <TimeSeries testId="chart-revenue" title={t.dailyRevenue} days={days} series={revenue} />
      </div>
    </>
  );
}
