import { formatXaf, groupDigits } from "../format/french.js";
import type { ErrorCount } from "../stores/store.js";
import { type PeriodMetric, type PeriodStats, periodTotal } from "../summary/period-stats.js";
import type { Insight } from "./types.js";

/** Relative change that makes a week-over-week trend worth reporting. */
const TREND_PCT = 20;
/** Volume the previous week needs before a change in a count means anything. */
const MIN_VOLUME = 10;

const LABELS: Partial<Record<PeriodMetric, { name: string; up: string; down: string; goodWhenUp: boolean }>> = {
  messages: {
    name: "Les messages",
    up: "Prévoyez la charge (livreurs, support) en conséquence.",
    down: "Relancez les clients inactifs (modèle promotional_offer) et vérifiez la disponibilité du numéro.",
    goodWhenUp: true,
  },
  sessions: {
    name: "Les sessions",
    up: "Assurez-vous que le nombre de livreurs suit la demande.",
    down: "Relancez les clients inactifs et vérifiez que le bot répond.",
    goodWhenUp: true,
  },
  conversions: {
    name: "Les conversions",
    up: "Identifiez ce qui a fonctionné (offre, zone) et répétez-le.",
    down: "Analysez les entonnoirs pour trouver l'étape qui bloque.",
    goodWhenUp: true,
  },
  revenueXaf: {
    name: "Le chiffre d'affaires",
    up: "Identifiez les commandes à plus forte valeur et mettez-les en avant.",
    down: "Lancez une offre promotionnelle ciblée et vérifiez les annulations.",
    goodWhenUp: true,
  },
  errorRate: {
    name: "Le taux d'erreur",
    up: "Corrigez en priorité les erreurs les plus fréquentes (voir ci-dessous).",
    down: "Continuez : la fiabilité du bot progresse.",
    goodWhenUp: false,
  },
};

function show(metric: PeriodMetric, value: number): string {
  if (metric === "revenueXaf") return formatXaf(value);
  if (metric === "errorRate") return `${groupDigits(value * 100, 1)} %`;
  return groupDigits(value);
}

/** Week-over-week changes of ≥ 20 % over the last 14 daily rows (previous 7, then last 7). */
export function trendInsights(days: readonly PeriodStats[]): Insight[] {
  if (days.length < 14) return [];
  const previous = days.slice(-14, -7);
  const last = days.slice(-7);
  const out: Insight[] = [];
  for (const [metric, label] of Object.entries(LABELS) as Array<
    [PeriodMetric, NonNullable<(typeof LABELS)[PeriodMetric]>]
  >) {
    const before = periodTotal(previous, metric);
    const now = periodTotal(last, metric);
    const volume = previous.reduce((s, r) => s + r.messages, 0);
    if (before === 0 || volume < MIN_VOLUME) continue;
    const changePct = ((now - before) / before) * 100;
    if (Math.abs(changePct) < TREND_PCT) continue;
    const up = changePct > 0;
    const bad = up !== label.goodWhenUp;
    out.push({
      kind: "trend",
      severity: bad ? (Math.abs(changePct) >= 50 ? "critical" : "warning") : "info",
      metric,
      value: now,
      reference: before,
      changePct: Math.round(changePct * 10) / 10,
      title: `${label.name} ${up ? "progressent" : "reculent"} de ${Math.abs(Math.round(changePct))} %`,
      detail: `${label.name} : ${show(metric, now)} sur les 7 derniers jours contre ${show(metric, before)} la semaine précédente (${up ? "+" : "−"}${Math.abs(Math.round(changePct))} %).`,
      recommendation: up ? label.up : label.down,
    });
  }
  return out;
}

/** The most frequent errors as insights. */
export function errorInsights(errors: readonly ErrorCount[], totalErrors: number): Insight[] {
  return errors.map((e) => ({
    kind: "top_error" as const,
    severity: totalErrors > 0 && e.count / totalErrors >= 0.5 ? ("warning" as const) : ("info" as const),
    metric: "errors",
    value: e.count,
    reference: totalErrors,
    title: `Erreur fréquente : ${e.name}`,
    detail: `« ${e.name}: ${e.message} » est survenue ${e.count} fois (${totalErrors === 0 ? 0 : Math.round((e.count / totalErrors) * 100)} % des erreurs).`,
    recommendation:
      "Corrigez cette erreur en priorité : c'est elle qui pèse le plus sur l'expérience des utilisateurs.",
  }));
}
