import { useState } from "react";
import { FunnelBars } from "../components/funnel-bars.tsx";
import { formatCount, formatPct } from "../format.ts";
import { useT } from "../lang.ts";
import type { DashboardData } from "../use-dashboard.ts";

export function Funnels({ data }: { data: DashboardData }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState<string>();
  const funnels = data.funnels;
  if (!funnels) return <p className="muted">{t.loading}</p>;
  if (funnels.length === 0) return <p className="muted">{t.noFunnel}</p>;
  return (
    <section className="funnels">
      <h2>{t.funnelsTitle}</h2>
      {funnels.map((f) => {
        const isOpen = open === f.flow || funnels.length === 1;
        return (
          <article key={f.flow} className={`card funnel-card${isOpen ? " open" : ""}`}>
            <header>
              <h3>{f.flow}</h3>
              <p className="muted">
                {formatCount(f.entered)} {t.entered} · {formatCount(f.completed)} {t.completed} ·{" "}
                <strong>{formatPct(f.completionPct, lang)}</strong> {t.completion}
              </p>
              <button type="button" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? undefined : f.flow)}>
                {isOpen ? t.close : t.open}
              </button>
            </header>
            {isOpen && (
              <>
                <FunnelBars funnel={f} />
                {f.worstDropOff && (
                  <p className="worst-note">
                    {t.worstStep} : <strong>{f.worstDropOff.step}</strong> (−
                    {formatPct(f.worstDropOff.dropOffPct, lang)})
                  </p>
                )}
              </>
            )}
          </article>
        );
      })}
    </section>
  );
}
