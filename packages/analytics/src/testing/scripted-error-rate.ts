// Deterministic activity for the error-rate and conversion-type alert tests, played on the memory store
// (unit test) and PostgresStore (integration test): both must fire exactly the same alerts.

import type { AlertRule } from "../alerts/kinds/index.js";
import type { Analytics } from "../analytics.js";

const DAY = 86_400_000;
/** 2026-11-08 00:00 in Africa/Brazzaville (UTC+1): the first of 14 scripted days. */
const START = Date.UTC(2026, 10, 8) - 3_600_000;
/** "Now": Sunday 2026-11-22 12:00 local, the day after the script. */
export const SCRIPT_NOW = START + 14 * DAY + 12 * 3_600_000;

/** The rules the scenario is checked against (the delivery bot's, in short). */
export const SCRIPT_RULES: readonly AlertRule[] = [
  { name: "taux-erreur", type: "threshold", metric: "errorRate", op: ">", value: 0.01, windowMs: 15 * 60_000 },
  {
    name: "signatures-refusees",
    type: "threshold",
    metric: "errors",
    errorName: "WebhookSignatureError",
    op: ">=",
    value: 10,
    windowMs: 15 * 60_000,
  },
  {
    name: "baisse-missions",
    type: "trend_change",
    metric: "conversions",
    conversionType: "mission_completed",
    changePct: 30,
    direction: "down",
  },
  { name: "baisse-conversions", type: "trend_change", metric: "conversions", changePct: 30, direction: "down" },
];

/**
 * Two weeks in which completed missions fall from 10 to 4 a day while orders rise from 2 to 8 (all
 * conversions flat at 12 a day), then, in the last 15 minutes before {@link SCRIPT_NOW}, 200 messages
 * with one failed turn (0.5 %) and 50 forged webhooks tracked with `countsInErrorRate: false`.
 */
export function playErrorRateScript(a: Analytics, clock: { now: number }): void {
  for (let d = 0; d < 14; d++) {
    const [missions, orders] = d < 7 ? [10, 2] : [4, 8];
    for (let i = 0; i < missions + orders; i++) {
      clock.now = START + d * DAY + 9 * 3_600_000 + i * 60_000;
      const type = i < missions ? "mission_completed" : "order_completed";
      a.trackConversion(`24206${String(i).padStart(7, "0")}`, type, 1_500);
    }
  }
  for (let i = 0; i < 200; i++) {
    clock.now = SCRIPT_NOW - 10 * 60_000 + i * 1_000;
    a.trackMessage(`2420500${String(i).padStart(5, "0")}`, "text");
    if (i === 100) a.trackError(new TurnFailedLike("a step of the conversation failed"), { kind: "turn_failed" });
    if (i < 50) {
      const forged = new Error("signature does not match");
      forged.name = "WebhookSignatureError";
      a.trackError(forged, { kind: "security" }, { countsInErrorRate: false });
    }
  }
  clock.now = SCRIPT_NOW;
}

class TurnFailedLike extends Error {
  override name = "TurnFailedError";
}
