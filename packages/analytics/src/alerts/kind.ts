import { groupDigits } from "../format/french.js";
import type { AnalyticsReader } from "../reader.js";
import { invalid } from "../validate.js";

/** How loud an alert is. */
export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;

/** One of {@link ALERT_SEVERITIES}. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Fields every alert rule has. */
export interface RuleBase {
  /** Unique name, shown in the alert. */
  name: string;
  /** Default `"warning"`. */
  severity?: AlertSeverity;
}

/** What the alert kinds read. */
export type AlertReader = Pick<AnalyticsReader, "timeZone" | "getSummary" | "getDailyStats" | "getTopErrors">;

/**
 * What a kind found when its rule fires; the caller turns it into an `Alert`. The kind
 * names the `metric` itself because not every rule has one field called `metric`
 * (a kind may watch a funnel step, say), so the caller reads it from here, not the rule.
 */
export interface Finding {
  /** What was measured, as the alert shows it (`errorRate`, `conversions`, …). */
  metric: string;
  /** The observed value. */
  value: number;
  /** The threshold, baseline mean, or previous-week value it was compared with. */
  reference: number;
  /** Human message in French. */
  message: string;
}

/**
 * One alert kind: how its rule is checked and how it is evaluated. Each kind lives
 * in its own file under `kinds/` and is listed once in `kinds/index.ts`.
 */
export interface AlertKindSpec<R extends RuleBase> {
  /** Throws an `AnalyticsValidationError` naming the field (`alerts[2].metric`); the common fields are already checked. */
  validate(rule: R, field: string): void;
  /** The finding when the rule fires at `now`, else `null`. */
  evaluate(reader: AlertReader, rule: R, now: number): Promise<Finding | null>;
}

/**
 * `value` when it is one of `allowed`, else a validation error naming `field`. Arguments in the
 * `(value, field, …rule)` order of every hand check in the packages (cache's `checkOneOf` too).
 */
export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${allowed.join(", ")}`);
  return value as T;
}

/** A metric value as alert messages print it: rates in percent, counts grouped the French way. */
export function formatMetric(metric: string, v: number): string {
  return metric.endsWith("Rate") ? `${groupDigits(v * 100, 2)} %` : groupDigits(v, Number.isInteger(v) ? 0 : 2);
}
