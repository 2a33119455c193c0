import type { Funnel } from "../api.ts";
import { formatCount, formatPct } from "../format.ts";
import { useT } from "../lang.ts";

/** A flow's funnel: one bar per step (share of entrants) with the step's users and drop-off. */
export function FunnelBars({ funnel }: { funnel: Funnel }) {
  const { t, lang } = useT();
  return (
    <ol className="funnel" data-flow={funnel.flow}>
      {funnel.steps.map((s, i) => (
        <li key={s.step} className={funnel.worstDropOff?.step === s.step ? "worst" : undefined}>
          <span className="label">
            {i + 1}. {s.step}
          </span>
          <span className="track">
            <span className="fill" style={{ width: `${s.conversionFromStartPct}%` }} />
          </span>
          <span className="num" data-step-users={s.step}>
            {formatCount(s.users)} {t.users}
          </span>
          <span className={`drop${s.dropOffPct === 0 ? " zero" : ""}`} data-step-dropoff={s.step}>
            {i === 0 ? "" : `−${formatPct(s.dropOffPct, lang)} ${t.dropOff}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
