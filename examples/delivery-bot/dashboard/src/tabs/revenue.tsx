import { useMemo } from "react";
import { FigureTable } from "../components/figure-table.tsx";
import { Kpi } from "../components/kpi.tsx";
import { TimeSeries } from "../components/time-series.tsx";
import { formatCount, formatXaf } from "../format.ts";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Revenue({ data }: { data: DashboardData }) {
  const { t } = useT();
  const daily = data.daily ?? [];
  const days = useMemo(() => daily.map((d) => d.period), [daily]);
  const revenue = useMemo(() => [{ label: "FCFA", values: daily.map((d) => d.revenueXaf), color: "#1a7f37" }], [daily]);
  const s = data.summary?.summary;
  if (!s) return null;
  const rows = Object.entries(s.conversions.byType).sort(([, a], [, b]) => b.revenueXaf - a.revenueXaf);
  return (
    <>
      <section className="kpis">
        <Kpi title={t.kpi.revenue} kpi="revenueXaf" value={formatXaf(s.revenueXaf)} tone="revenue" />
      </section>
      <section className="card">
        <h2>{t.revenueByType}</h2>
        <FigureTable
          head={[t.type, t.count, t.amount]}
          rows={rows.map(([type, c]) => ({ key: type, cells: [type, formatCount(c.count), formatXaf(c.revenueXaf)] }))}
          foot={[t.total, formatCount(s.conversions.total), formatXaf(s.revenueXaf)]}
        />
      </section>
      <TimeSeries testId="chart-revenue-tab" title={t.dailyRevenue} days={days} series={revenue} />
    </>
  );
}
