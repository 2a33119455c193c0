import type { SummaryResponse } from "../api.ts";
import { formatCount, formatXaf } from "../format.ts";
import { useT } from "../lang.ts";

/**
 * A demo's live session, apart from the seeded history (`live` of `/summary`): what the newcomer just
 * did in `pnpm demo`, so fourteen seeded days are never read as their own orders.
 */
export function LiveSession({ summary }: { summary: SummaryResponse }) {
  const { t, lang } = useT();
  const live = summary.live;
  if (!live) return null;
  const since = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    ...(summary.timeZone ? { timeZone: summary.timeZone } : {}),
  }).format(new Date(live.since));
  return (
    <section className="live-session" data-testid="live-session">
      <h2>{t.live.title(since)}</h2>
      <p className="sub">{t.live.note}</p>
      <p>
        <span data-live="sessions">{formatCount(live.kpis.sessions)}</span> {t.kpi.sessions.toLowerCase()} ·{" "}
        <span data-live="missions">{formatCount(live.kpis.missions)}</span> {t.kpi.missions} ·{" "}
        <span data-live="orders">{formatCount(live.kpis.orders)}</span> {t.kpi.orders} ·{" "}
        <span data-live="revenueXaf">{formatXaf(live.kpis.revenueXaf)}</span>
      </p>
    </section>
  );
}
