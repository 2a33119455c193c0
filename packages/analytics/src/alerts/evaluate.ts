import type { AlertReader } from "./kind.js";
import type { AlertRule } from "./kinds/index.js";
import { type Alert, kindOf } from "./rules.js";

/** Evaluates every rule at `now` and returns those that fire, in rule order. */
export async function evaluateAlerts(reader: AlertReader, rules: readonly AlertRule[], now: number): Promise<Alert[]> {
  const out: Alert[] = [];
  for (const rule of rules) {
    const found = await kindOf(rule).evaluate(reader, rule, now);
    if (found === null) continue;
    out.push({
      rule: rule.name,
      type: rule.type,
      severity: rule.severity ?? "warning",
      ...found,
      at: new Date(now).toISOString(),
    });
  }
  return out;
}
