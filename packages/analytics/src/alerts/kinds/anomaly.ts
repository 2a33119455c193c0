import { groupDigits } from "../../format/french.js";
import { PERIOD_METRICS, type PeriodMetric } from "../../summary/period-stats.js";
import { dayKey, dayNumber } from "../../time/zone.js";
import { checkPositive, invalid } from "../../validate.js";
import { type AlertKindSpec, formatMetric, oneOf, type RuleBase } from "../kind.js";

/** Fires when today's value lies more than `zScore` standard deviations from the trailing days' mean. */
export interface AnomalyRule extends RuleBase {
  type: "anomaly";
  metric: PeriodMetric;
  /** Default 3. */
  zScore?: number;
  /** Complete days before today used as the baseline. Default 14. */
  trailingDays?: number;
}

/** The `anomaly` kind: a z-score of the local day containing `now` against the days before it. */
export const anomalyKind: AlertKindSpec<AnomalyRule> = {
  validate(rule, field) {
    oneOf(rule.metric, `${field}.metric`, PERIOD_METRICS);
    if (rule.zScore !== undefined) checkPositive(rule.zScore, `${field}.zScore`);
    if (rule.trailingDays !== undefined && (!Number.isSafeInteger(rule.trailingDays) || rule.trailingDays < 3)) {
      throw invalid(`${field}.trailingDays`, "must be an integer >= 3");
    }
  },

  async evaluate(reader, rule, now) {
    const today = dayNumber(now, reader.timeZone);
    const trailing = rule.trailingDays ?? 14;
    const days = await reader.getDailyStats({ from: dayKey(today - trailing), to: dayKey(today) });
    const current = days.at(-1)?.[rule.metric] ?? 0;
    const baseline = days.slice(0, -1).map((d) => d[rule.metric]);
    const mean = baseline.reduce((s, x) => s + x, 0) / baseline.length;
    const std = Math.sqrt(baseline.reduce((s, x) => s + (x - mean) ** 2, 0) / baseline.length);
    // A flat baseline makes any difference infinitely unusual, and no difference not unusual at all.
    const z = std === 0 ? (current === mean ? 0 : Number.POSITIVE_INFINITY) : (current - mean) / std;
    if (Math.abs(z) < (rule.zScore ?? 3)) return null;
    const zText = Number.isFinite(z) ? groupDigits(z, 1) : "∞";
    return {
      metric: rule.metric,
      value: current,
      reference: mean,
      message: `${rule.metric} aujourd'hui = ${formatMetric(rule.metric, current)}, moyenne des ${trailing} jours précédents ${formatMetric(rule.metric, mean)} (z = ${zText}).`,
    };
  },
};
