import { useEffect, useState } from "react";
import { type HandoffFigures, inboxFigures } from "../api.ts";
import { formatCount } from "../format.ts";
import { useT } from "../lang.ts";
import { FigureTable } from "./figure-table.tsx";

const duration = (seconds: number | undefined, minutes: string) =>
  seconds === undefined ? "—" : seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} ${minutes}`;

/**
 * The operator inbox's handoff figures: handoffs by trigger, escalations, and per operator the time to
 * the first human response and to resolution (both from the handoff). Hidden when the inbox is not mounted.
 */
export function HandoffCard({ token, reloads }: { token: string; reloads: number }) {
  const { t } = useT();
  const [figures, setFigures] = useState<HandoffFigures>();
  useEffect(() => {
    const abort = new AbortController();
    // `reloads` changes on every dashboard refresh: the figures follow it.
    void reloads;
    inboxFigures(token, abort.signal).then(setFigures, () => {});
    return () => abort.abort();
  }, [token, reloads]);
  if (!figures) return null;
  const triggers = Object.entries(figures.handoffsByTrigger);
  return (
    <section className="card" data-testid="handoff-figures">
      <h2>{t.handoffs}</h2>
      {triggers.length === 0 ? (
        <p className="muted">{t.noHandoff}</p>
      ) : (
        <>
          <p>
            {t.handoffsByTrigger} :{" "}
            {triggers.map(([k, v], i) => (
              <span key={k} data-trigger={k}>
                {i > 0 && " · "}
                {t.triggers[k] ?? k} <strong>{formatCount(v)}</strong>
              </span>
            ))}{" "}
            · {t.escalations} : <strong data-testid="escalations">{formatCount(figures.escalations)}</strong>
          </p>
          {figures.operators.length > 0 && (
            <FigureTable
              head={[t.operator, t.answered, t.firstResponse, t.resolved, t.resolution, t.kpi.messages]}
              rows={figures.operators.map((o) => ({
                key: o.operatorId,
                data: { "data-operator": o.operatorId },
                cells: [
                  o.operatorId,
                  formatCount(o.answered),
                  duration(o.firstResponseSeconds, t.minutes),
                  formatCount(o.resolved),
                  duration(o.resolutionSeconds, t.minutes),
                  formatCount(o.messages),
                ],
              }))}
            />
          )}
        </>
      )}
    </section>
  );
}
