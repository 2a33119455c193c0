import type { ReactNode } from "react";

/**
 * One KPI card: a title, the value (`data-kpi` names it for tests and scrapers, when it is one figure)
 * and an optional line under it. `tone` adds a class (`revenue`, `bad`).
 */
export function Kpi({
  title,
  kpi,
  value,
  sub,
  tone,
}: {
  title: ReactNode;
  kpi?: string;
  value: ReactNode;
  sub?: ReactNode;
  tone?: string;
}) {
  return (
    <article className={tone ? `kpi ${tone}` : "kpi"}>
      <h3>{title}</h3>
      <p className="value" {...(kpi ? { "data-kpi": kpi } : {})}>
        {value}
      </p>
      {sub !== undefined && <p className="sub">{sub}</p>}
    </article>
  );
}
