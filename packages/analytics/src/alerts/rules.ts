import { checkName, invalid } from "../validate.js";
import { ALERT_SEVERITIES, type AlertKindSpec, type AlertSeverity, oneOf } from "./kind.js";
import { ALERT_KIND_TABLE, ALERT_KINDS, type AlertKind, type AlertRule } from "./kinds/index.js";

/** An alert that fires. */
export interface Alert {
  rule: string;
  type: AlertKind;
  severity: AlertSeverity;
  metric: string;
  /** The observed value. */
  value: number;
  /** The threshold, baseline mean, or previous-week value it was compared with. */
  reference: number;
  /** Human message in French. */
  message: string;
  /** ISO 8601 time of evaluation. */
  at: string;
}

/** The table entry of a rule's kind (one cast, here, instead of a switch per use). */
export function kindOf<R extends AlertRule>(rule: R): AlertKindSpec<R> {
  return ALERT_KIND_TABLE[rule.type] as unknown as AlertKindSpec<R>;
}

/** Validates a rule, naming the offending field (`alerts[2].metric`). */
export function validateRule(rule: AlertRule, field: string): AlertRule {
  if (typeof rule !== "object" || rule === null) throw invalid(field, "must be an object");
  checkName(rule.name, `${field}.name`);
  if (rule.severity !== undefined) oneOf(rule.severity, `${field}.severity`, ALERT_SEVERITIES);
  if (!Object.hasOwn(ALERT_KIND_TABLE, rule.type))
    throw invalid(`${field}.type`, `must be one of ${ALERT_KINDS.join(", ")}`);
  kindOf(rule).validate(rule, field);
  return rule;
}
