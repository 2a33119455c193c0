import { useMemo } from "react";
import { SatisfactionCard } from "../components/satisfaction-card.tsx";
import { TimeSeries } from "../components/time-series.tsx";
import { formatCount, formatRate, groupDigits } from "../format.ts";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Quality({ data }: { data: DashboardData }) {
  const { t, lang } = useT();
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
            <table>
              <thead>
                <tr>
                  <th>{t.day}</th>
                  <th className="num">{t.score}</th>
                  <th className="num">{t.deliveries}</th>
                  <th className="num">{t.onTime}</th>
                  <th className="num">{t.cancelled}</th>
                  <th className="num">{t.delay}</th>
                </tr>
              </thead>
              <tbody>
                {[...quality].reverse().map((d) => (
                  <tr key={d.day}>
                    <td>{d.day}</td>
                    <td className="num">
                      <strong>{groupDigits(d.score, 1, lang === "fr" ? "," : ".")}</strong>
                    </td>
                    <td className="num">{formatCount(d.total)}</td>
                    <td className="num">{formatRate(d.onTimeRate, lang)}</td>
                    <td className="num">{formatRate(d.cancelRate, lang)}</td>
                    <td className="num">
                      {groupDigits(d.avgDelayMinutes, 1, lang === "fr" ? "," : ".")} {t.minutes}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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
