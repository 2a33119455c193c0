import { groupDigits } from "../../format/french.js";
import { PERIOD_METRICS, type PeriodMetric, periodTotal } from "../../summary/period-stats.js";
import { dayKey, dayNumber, dayStartUtc } from "../../time/zone.js";
import { checkName, checkPositive, invalid } from "../../validate.js";
import { type AlertKindSpec, type AlertReader, formatMetric, oneOf, type RuleBase } from "../kind.js";

const DIRECTIONS = ["up", "down", "any"] as const;

/** Fires when the last 7 days differ from the 7 before by at least `changePct` percent. */
export interface TrendChangeRule extends RuleBase {
  type: "trend_change";
  metric: PeriodMetric;
  changePct: number;
  /** Default `"any"`. */
  direction?: (typeof DIRECTIONS)[number];
  /**
   * With `metric` `"conversions"` or `"revenueXaf"`: only the conversions of this type (as
   * `trackConversion` records it, e.g. `"mission_completed"`), so a drop of completed missions is
   * not hidden by orders, nor confused with them.
   */
  conversionType?: string;
}

/** The metrics a `conversionType` applies to, each read off one type's summary entry. */
const BY_TYPE = {
  conversions: (c: { count: number }) => c.count,
  revenueXaf: (c: { revenueXaf: number }) => c.revenueXaf,
} as const;
const TYPED_METRICS = Object.keys(BY_TYPE) as Array<keyof typeof BY_TYPE>;

/** The rule's metric over the local days `[fromDay, toDay]`. */
async function totalOver(reader: AlertReader, rule: TrendChangeRule, fromDay: number, toDay: number) {
  if (rule.conversionType === undefined) {
    return periodTotal(await reader.getDailyStats({ from: dayKey(fromDay), to: dayKey(toDay) }), rule.metric);
  }
  const range = { from: dayStartUtc(fromDay, reader.timeZone), to: dayStartUtc(toDay + 1, reader.timeZone) };
  const entry = (await reader.getSummary(range)).conversions.byType[rule.conversionType];
  return entry === undefined ? 0 : BY_TYPE[rule.metric as keyof typeof BY_TYPE](entry);
}

/** The `trend_change` kind: the 7 complete days before `now` against the 7 before them. */
export const trendChangeKind: AlertKindSpec<TrendChangeRule> = {
  validate(rule, field) {
    oneOf(rule.metric, `${field}.metric`, PERIOD_METRICS);
    checkPositive(rule.changePct, `${field}.changePct`);
    if (rule.direction !== undefined) oneOf(rule.direction, `${field}.direction`, DIRECTIONS);
    if (rule.conversionType !== undefined) {
      checkName(rule.conversionType, `${field}.conversionType`);
      if (!(TYPED_METRICS as readonly string[]).includes(rule.metric))
        throw invalid(`${field}.conversionType`, `applies to metric ${TYPED_METRICS.join(" or ")} only`);
    }
  },

  async evaluate(reader, rule, now) {
    const last = dayNumber(now, reader.timeZone) - 1;
    const before = await totalOver(reader, rule, last - 13, last - 7);
    const after = await totalOver(reader, rule, last - 6, last);
    if (before === 0) return null;
    const change = ((after - before) / before) * 100;
    const direction = rule.direction ?? "any";
    const moved = direction === "up" ? change : direction === "down" ? -change : Math.abs(change);
    if (moved < rule.changePct) return null;
    return {
      metric: rule.metric,
      value: after,
      reference: before,
      message: `${rule.conversionType === undefined ? rule.metric : `${rule.metric} ${rule.conversionType}`} : ${formatMetric(rule.metric, after)} sur 7 jours contre ${formatMetric(rule.metric, before)} la semaine précédente (${change >= 0 ? "+" : "−"}${groupDigits(Math.abs(change), 1)} %).`,
    };
  },
};
