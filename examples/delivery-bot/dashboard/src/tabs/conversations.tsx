import { useMemo } from "react";
import { BarList } from "../components/bar-list.tsx";
import { TimeSeries } from "../components/time-series.tsx";
import { groupDigits } from "../format.ts";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Conversations({ data }: { data: DashboardData }) {
  const { t } = useT();
  const daily = data.daily ?? [];
  const days = useMemo(() => daily.map((d) => d.period), [daily]);
  const series = useMemo(
    () => [
      { label: t.kpi.sessions, values: daily.map((d) => d.sessions), color: "#8250df" },
      { label: t.kpi.messages, values: daily.map((d) => d.messages), color: "#1f6feb" },
    ],
    [daily, t],
  );
  const s = data.summary?.summary;
  if (!s) return null;
  const rt = s.responseTime;
  return (
    <>
      <div className="grid2">
        <BarList
          title={t.messagesByType}
          items={Object.entries(s.messages.byType).map(([label, value]) => ({ label, value }))}
        />
        <BarList
          title={t.sessionsByRole}
          items={Object.entries(s.sessions.byRole).map(([role, value]) => ({ label: t.roles[role] ?? role, value }))}
        />
      </div>
      <section className="card">
        <h2>{t.responseTime}</h2>
        <dl className="stats">
          <div>
            <dt>{t.average}</dt>
            <dd>{groupDigits(rt.avgMs)} ms</dd>
          </div>
          <div>
            <dt>p50</dt>
            <dd>{groupDigits(rt.p50Ms)} ms</dd>
          </div>
          <div>
            <dt>p90</dt>
            <dd>{groupDigits(rt.p90Ms)} ms</dd>
          </div>
          <div>
            <dt>p99</dt>
            <dd>{groupDigits(rt.p99Ms)} ms</dd>
          </div>
        </dl>
      </section>
      <TimeSeries testId="chart-conversations" title={t.dailySessions} days={days} series={series} />
    </>
  );
}
