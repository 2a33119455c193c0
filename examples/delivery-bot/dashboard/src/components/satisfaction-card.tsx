import type { Satisfaction } from "../api.ts";
import { formatCount, formatRate, groupDigits } from "../format.ts";
import { useT } from "../lang.ts";
import { FigureTable } from "./figure-table.tsx";

/** Customers' ratings of the period: average, share of low ratings and the average of each driver. */
export function SatisfactionCard({ satisfaction }: { satisfaction: Satisfaction | undefined }) {
  const { t, lang } = useT();
  const mark = lang === "fr" ? "," : ".";
  const drivers = Object.entries(satisfaction?.byDriver ?? {}).sort(([, a], [, b]) => a.average - b.average);
  return (
    <section className="card" data-testid="satisfaction">
      <h2>{t.satisfaction}</h2>
      {!satisfaction || satisfaction.count === 0 ? (
        <p className="muted">{t.noRating}</p>
      ) : (
        <>
          <p>
            {t.averageRating} : <strong>{groupDigits(satisfaction.average, 1, mark)} / 5</strong> · {t.lowRatings} :{" "}
            <strong>{formatRate(satisfaction.lowShare, lang)}</strong> · {t.ratings} : {formatCount(satisfaction.count)}
          </p>
          {drivers.length > 0 && (
            <FigureTable
              head={[t.driver, t.ratings, t.averageRating]}
              rows={drivers.map(([id, d]) => ({
                key: id,
                cells: [d.name ?? id, formatCount(d.count), groupDigits(d.average, 1, mark)],
              }))}
            />
          )}
        </>
      )}
    </section>
  );
}
