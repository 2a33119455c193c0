import { useMemo } from "react";
import { FigureTable } from "../components/figure-table.tsx";
import { SatisfactionCard } from "../components/satisfaction-card.tsx";
import { TimeSeries } from "../components/time-series.tsx";
import { formatCount, formatRate, groupDigits } from "../format.ts";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Quality({ data }: { data: DashboardData }) {
  const { t, lang } = useT();
  const mark = lang === "fr" ? "," : ".";
  const quality = data.quality ?? [];
  const days = useMemo(() => quality.map((d) => d.day), [quality]);
  const scores = useMemo(
    () => [{ label: t.score, values: quality.map((d) => d.score), color: "#bf8700" }],
    [quality, t],
  );
  return (
    <>
      {quality.length === 0 ? (
        <p className="muted card">{t.noQuality}</p>
      ) : (
        <>
          <TimeSeries testId="chart-quality" title={t.qualityTrend} days={days} series={scores} />
          <section className="card scroll-x">
            <FigureTable
              head={[t.day, t.score, t.deliveries, t.onTime, t.cancelled, t.delay]}
              rows={[...quality].reverse().map((d) => ({
                key: d.day,
                cells: [
                  d.day,
                  <strong key="score">{groupDigits(d.score, 1, mark)}</strong>,
                  formatCount(d.total),
                  formatRate(d.onTimeRate, lang),
                  formatRate(d.cancelRate, lang),
                  `${groupDigits(d.avgDelayMinutes, 1, mark)} ${t.minutes}`,
                ],
              }))}
            />
          </section>
        </>
      )}
      <SatisfactionCard satisfaction={data.satisfaction} />
      <section className="card">
        <h2>{t.insights}</h2>
        {(data.insights ?? []).length === 0 && <p className="muted">{t.noInsight}</p>}
        <ul className="insights">
          {(data.insights ?? []).map((i) => (
            <li key={`${i.kind}-${i.title}`} className={i.severity}>
              <strong>{i.title}</strong>
              <p>{i.detail}</p>
              <p className="muted">→ {i.recommendation}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
