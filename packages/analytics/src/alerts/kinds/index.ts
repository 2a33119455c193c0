import type { AlertKindSpec } from "../kind.js";
import { type AnomalyRule, anomalyKind } from "./anomaly.js";
import { type ThresholdRule, thresholdKind } from "./threshold.js";
import { type TrendChangeRule, trendChangeKind } from "./trend-change.js";

export type { AnomalyRule, ThresholdRule, TrendChangeRule };

/** An alert rule: `threshold`, `anomaly` or `trend_change`. A new kind adds its rule type here… */
export type AlertRule = ThresholdRule | AnomalyRule | TrendChangeRule;

/**
 * …and its `{ validate, evaluate }` here: the one table of alert kinds. The
 * `satisfies` makes the compiler demand an entry for every rule type (and only
 * those); validation, evaluation, {@link ALERT_KINDS} and the OpenAPI enums (tested
 * against it) all derive from it.
 */
export const ALERT_KIND_TABLE = {
  threshold: thresholdKind,
  anomaly: anomalyKind,
  trend_change: trendChangeKind,
} satisfies { [K in AlertRule["type"]]: AlertKindSpec<Extract<AlertRule, { type: K }>> };

/** The `type` of an alert rule. */
export type AlertKind = keyof typeof ALERT_KIND_TABLE;

/** Every alert kind, in table order: `["threshold", "anomaly", "trend_change"]`. */
export const ALERT_KINDS: readonly AlertKind[] = Object.freeze(Object.keys(ALERT_KIND_TABLE) as AlertKind[]);
