import { useEffect, useState } from "react";
import { type HandoffFigures, inboxFigures } from "../api.ts";
import { formatCount } from "../format.ts";
import { useT } from "../lang.ts";

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
            <table>
              <thead>
                <tr>
                  <th>{t.operator}</th>
                  <th className="num">{t.answered}</th>
                  <th className="num">{t.firstResponse}</th>
                  <th className="num">{t.resolved}</th>
                  <th className="num">{t.resolution}</th>
                  <th className="num">{t.kpi.messages}</th>
                </tr>
              </thead>
              <tbody>
                {figures.operators.map((o) => (
                  <tr key={o.operatorId} data-operator={o.operatorId}>
                    <td>{o.operatorId}</td>
                    <td className="num">{formatCount(o.answered)}</td>
                    <td className="num">{duration(o.firstResponseSeconds, t.minutes)}</td>
                    <td className="num">{formatCount(o.resolved)}</td>
                    <td className="num">{duration(o.resolutionSeconds, t.minutes)}</td>
                    <td className="num">{formatCount(o.messages)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
