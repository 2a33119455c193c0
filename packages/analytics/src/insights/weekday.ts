import { weekdayName } from "../format/french.js";
import { MAX_STEPS } from "../funnels/funnel-report.js";
import type { TimeRange } from "../stores/store.js";
import { dayNumber, dayStartUtc, isoWeekday } from "../time/zone.js";
import type { Insight, InsightStore } from "./types.js";

/** A weekday's average delay must reach this multiple of the other days' and exceed it by `MIN_EXTRA_MIN`. */
const DELAY_FACTOR = 1.5;
const MIN_EXTRA_MIN = 3;
/** A weekday's funnel drop-off must exceed the other days' by this many points (0–1 scale). */
const DROP_OFF_GAP = 0.15;
const MIN_ENTRANTS = 5;

/** The weekday whose ride-weighted delay stands well above the other weekdays', if any. */
export async function weekdayDelayInsight(
  store: InsightStore,
  fromDay: string,
  toDay: string,
  companyId?: string,
): Promise<Insight | null> {
  const days = (await store.weekdayDispatch(fromDay, toDay, companyId)).filter((d) => d.rides > 0);
  if (days.length < 3) return null;
  let best: Insight | null = null;
  for (const d of days) {
    const others = days.filter((o) => o.weekday !== d.weekday);
    const rides = others.reduce((s, o) => s + o.rides, 0);
    const baseline = others.reduce((s, o) => s + o.avgDelayMinutes * o.rides, 0) / rides;
    const value = d.avgDelayMinutes;
    if (value < baseline * DELAY_FACTOR || value - baseline < MIN_EXTRA_MIN) continue;
    if (best !== null && value - baseline <= best.value - best.reference) continue;
    const day = weekdayName(d.weekday);
    best = {
      kind: "weekday_delay",
      severity: value >= baseline * 2 ? "critical" : "warning",
      weekday: d.weekday,
      metric: "avgDelayMinutes",
      value,
      reference: baseline,
      title: `Retards élevés le ${day}`,
      detail: `Le ${day}, le retard moyen atteint ${value.toFixed(1).replace(".", ",")} min contre ${baseline.toFixed(1).replace(".", ",")} min les autres jours.`,
      recommendation: `Renforcez l'équipe de livreurs le ${day} (créneaux de pointe) et annoncez aux clients un délai plus long ce jour-là.`,
    };
  }
  return best;
}

/**
 * Funnel counts summed per ISO weekday, one funnel per local day: a user who
 * comes back every day enters every day's funnel, not only the first one.
 */
async function perWeekday(
  store: InsightStore,
  q: { flow: string; steps: string[]; windowMs: number; range: TimeRange; timeZone: string },
): Promise<Array<{ key: number; counts: number[] }>> {
  const byDay = new Map<number, number[]>();
  const first = dayNumber(q.range.from, q.timeZone);
  const last = dayNumber(q.range.to - 1, q.timeZone);
  for (let day = first; day <= last; day++) {
    const from = Math.max(q.range.from, dayStartUtc(day, q.timeZone));
    const to = Math.min(q.range.to, dayStartUtc(day + 1, q.timeZone));
    const company = q.range.companyId === undefined ? {} : { companyId: q.range.companyId };
    const { groups } = await store.funnel({ ...q, ...company, from, to, byWeekday: false });
    const counts = groups[0]?.counts;
    if (counts === undefined) continue;
    const key = isoWeekday(day);
    const sum = byDay.get(key) ?? q.steps.map(() => 0);
    counts.forEach((c, i) => {
      sum[i] = (sum[i] ?? 0) + c;
    });
    byDay.set(key, sum);
  }
  return [...byDay].sort((x, y) => x[0] - y[0]).map(([key, counts]) => ({ key, counts }));
}

/** For each flow, the weekday whose funnel drop-off stands well above the other weekdays', if any. */
export async function weekdayDropOffInsights(
  store: InsightStore,
  range: TimeRange,
  windowMs: number,
  timeZone: string,
): Promise<Insight[]> {
  const out: Insight[] = [];
  for (const flow of await store.flows(range)) {
    const steps = (await store.funnelSteps(flow, range)).slice(0, MAX_STEPS);
    if (steps.length < 2) continue;
    const groups = await perWeekday(store, { flow, steps, windowMs, range, timeZone });
    const entered = (g: { counts: number[] }) => g.counts[0] ?? 0;
    const completed = (g: { counts: number[] }) => g.counts[steps.length - 1] ?? 0;
    const eligible = groups.filter((g) => entered(g) >= MIN_ENTRANTS);
    if (eligible.length < 3) continue;
    let best: Insight | null = null;
    for (const g of eligible) {
      const others = eligible.filter((o) => o.key !== g.key);
      const othersEntered = others.reduce((s, o) => s + entered(o), 0);
      const baseline = 1 - others.reduce((s, o) => s + completed(o), 0) / othersEntered;
      const value = 1 - completed(g) / entered(g);
      if (value - baseline < DROP_OFF_GAP) continue;
      if (best !== null && value - baseline <= best.value - best.reference) continue;
      let worstStep = steps[1] ?? "";
      let worstLoss = -1;
      for (let k = 1; k < steps.length; k++) {
        const prev = g.counts[k - 1] ?? 0;
        const loss = prev === 0 ? 0 : 1 - (g.counts[k] ?? 0) / prev;
        if (loss > worstLoss) {
          worstLoss = loss;
          worstStep = steps[k] ?? "";
        }
      }
      const day = weekdayName(g.key);
      best = {
        kind: "weekday_dropoff",
        severity: value - baseline >= 0.3 ? "critical" : "warning",
        weekday: g.key,
        flow,
        metric: "dropOffRate",
        value,
        reference: baseline,
        title: `Abandons élevés le ${day} (${flow})`,
        detail: `Le parcours « ${flow} » perd ${Math.round(value * 100)} % des utilisateurs le ${day} contre ${Math.round(baseline * 100)} % les autres jours.`,
        recommendation: `Examinez l'étape « ${worstStep} » le ${day} (disponibilité des livreurs, temps de réponse du bot) et relancez les utilisateurs qui abandonnent.`,
      };
    }
    if (best !== null) out.push(best);
  }
  return out;
}
