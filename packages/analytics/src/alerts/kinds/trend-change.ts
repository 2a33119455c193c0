import { groupDigits } from "../../format/french.js";
import { PERIOD_METRICS, type PeriodMetric, periodTotal } from "../../summary/period-stats.js";
import { dayKey, dayNumber } from "../../time/zone.js";
import { checkPositive } from "../../validate.js";
import { type AlertKindSpec, formatMetric, oneOf, type RuleBase } from "../kind.js";

const DIRECTIONS = ["up", "down", "any"] as const;

/** Fires when the last 7 days differ from the 7 before by at least `changePct` percent. */
export interface TrendChangeRule extends RuleBase {
  type: "trend_change";
  metric: PeriodMetric;
  changePct: number;
  /** Default `"any"`. */
  direction?: (typeof DIRECTIONS)[number];
}

/** The `trend_change` kind: the 7 complete days before `now` against the 7 before them. */
export const trendChangeKind: AlertKindSpec<TrendChangeRule> = {
  validate(rule, field) {
    oneOf(rule.metric, PERIOD_METRICS, `${field}.metric`);
    checkPositive(rule.changePct, `${field}.changePct`);
    if (rule.direction !== undefined) oneOf(rule.direction, DIRECTIONS, `${field}.direction`);
  },

  async evaluate(reader, rule, now) {
    const last = dayNumber(now, reader.timeZone) - 1;
    const days = await reader.getDailyStats({ from: dayKey(last - 13), to: dayKey(last) });
    const before = periodTotal(days.slice(0, 7), rule.metric);
    const after = periodTotal(days.slice(7), rule.metric);
    if (before === 0) return null;
    const change = ((after - before) / before) * 100;
    const direction = rule.direction ?? "any";
    const moved = direction === "up" ? change : direction === "down" ? -change : Math.abs(change);
    if (moved < rule.changePct) return null;
    return {
      value: after,
      reference: before,
      message: `${rule.metric} : ${formatMetric(rule.metric, after)} sur 7 jours contre ${formatMetric(rule.metric, before)} la semaine précédente (${change >= 0 ? "+" : "−"}${groupDigits(Math.abs(change), 1)} %).`,
    };
  },
};
