import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { groupDigits } from "../format.ts";
import { useT } from "../lang.ts";

/** `1741564800` (UTC midnight) → `10/03`. */
function dayLabel(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

export interface Series {
  label: string;
  values: number[];
  color: string;
}

/** A daily line chart (uPlot on canvas) that follows its container's width. */
export function TimeSeries({
  title,
  days,
  series,
  testId,
}: {
  title: string;
  days: string[];
  series: Series[];
  testId: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const dayWord = useT().t.day;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Days are calendar days: plot them at UTC midnight and label them in UTC so no zone shifts them.
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    // One tick per day up to 10 days, then every n-th day so labels never collide on a phone.
    const step = Math.max(1, Math.ceil(xs.length / 8));
    const splits = xs.filter((_x, i) => (xs.length - 1 - i) % step === 0);
    const opts: uPlot.Options = {
      width: Math.max(260, el.clientWidth),
      height: 220,
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        {
          stroke: "#555",
          grid: { stroke: "#eee" },
          splits: () => splits,
          values: (_u, ticks) => ticks.map(dayLabel),
        },
        {
          stroke: "#555",
          grid: { stroke: "#eee" },
          size: 64,
          incrs: [
            1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 5e6, 1e7,
          ],
          values: (_u, ticks) => ticks.map((v) => groupDigits(v)),
        },
      ],
      series: [
        { label: dayWord, value: (_u: uPlot, v: number | null) => (v == null ? "" : dayLabel(v)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: `${s.color}22`,
          points: { show: days.length <= 31 },
          value: (_u: uPlot, v: number | null) => (v == null ? "—" : groupDigits(v)),
        })),
      ],
      legend: { show: series.length > 1 },
    };
    const chart = new uPlot(opts, [xs, ...series.map((s) => s.values)], el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(260, el.clientWidth), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [days, series, dayWord]);

  return (
    <section className="card chart" data-testid={testId}>
      <h2>{title}</h2>
      <div ref={host} className="plot" />
    </section>
  );
}
