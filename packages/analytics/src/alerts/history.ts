import type { Alert } from "./rules.js";
import type { AlertStateStore } from "./state.js";

/**
 * The alerts of `[from, to)`: the records open during it (when alerts are
 * monitored), oldest first, then the rules firing at its last moment that no
 * record already names — evaluated then, not now, so a report on a past day
 * shows that day's alerts.
 */
export async function alertsBetween(
  states: Pick<AlertStateStore, "list">,
  evaluateAt: (at: number) => Promise<Alert[]>,
  range: { from: number; to: number },
): Promise<Alert[]> {
  const recorded = (await states.list(range)).map((r) => r.alert).reverse();
  const seen = new Set(recorded.map((a) => a.rule));
  const atEnd = await evaluateAt(range.to - 1);
  return [...recorded, ...atEnd.filter((a) => !seen.has(a.rule))];
}
