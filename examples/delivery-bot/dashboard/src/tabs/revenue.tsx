import { useMemo } from "react";
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
        <article className="kpi revenue">
          <h3>{t.kpi.revenue}</h3>
          <p className="value" data-kpi="revenueXaf">
            {formatXaf(s.revenueXaf)}
          </p>
        </article>
      </section>
      <section className="card">
        <h2>{t.revenueByType}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.type}</th>
              <th className="num">{t.count}</th>
              <th className="num">{t.amount}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([type, c]) => (
              <tr key={type}>
                <td>{type}</td>
                <td className="num">{formatCount(c.count)}</td>
                <td className="num">{formatXaf(c.revenueXaf)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t.total}</th>
              <th className="num">{formatCount(s.conversions.total)}</th>
              <th className="num">{formatXaf(s.revenueXaf)}</th>
            </tr>
          </tfoot>
        </table>
      </section>
      <TimeSeries testId="chart-revenue-tab" title={t.dailyRevenue} days={days} series={revenue} />
    </>
  );
}
