import { Counter, Histogram, type Registry } from "@prometheus-io/client";
import type { HandoffTrigger } from "@toktok/flows";
import { mirror } from "../bot/delivery-metrics.ts";

/** One operator's handoff figures on the dashboard. */
export interface OperatorFigures {
  operatorId: string;
  /** Conversations answered: the first response's count. */
  answered: number;
  /** Mean seconds from the handoff to the operator's first message. */
  firstResponseSeconds: number | undefined;
  resolved: number;
  /** Mean seconds from the handoff to the hand-back. */
  resolutionSeconds: number | undefined;
  messages: number;
}

/** What the dashboard shows (`GET /api/inbox/figures`): this process's counts since it started. */
export interface InboxFigures {
  handoffsByTrigger: Record<string, number>;
  escalations: number;
  operators: OperatorFigures[];
}

const BUCKETS = [15, 30, 60, 120, 300, 600, 1_800, 3_600, 4 * 3_600, 24 * 3_600];

interface Tally {
  answered: number;
  firstSum: number;
  resolved: number;
  resolutionSum: number;
  messages: number;
}

/**
 * The handoff figures, on `/metrics` (`toktok_handoffs_total{trigger}`, `toktok_handoff_first_response_seconds`
 * and `toktok_handoff_resolution_seconds` by operator, `toktok_operator_messages_total`,
 * `toktok_handoff_escalations_total`) and as JSON for the dashboard. Times count from the handoff,
 * not from the session's start.
 */
export class HandoffFigures {
  readonly #handoffs: Counter<"trigger">;
  readonly #first: Histogram<"operator">;
  readonly #resolution: Histogram<"operator">;
  readonly #messages: Counter<"operator" | "kind">;
  readonly #escalations: Counter;
  readonly #byTrigger: Record<string, number> = {};
  readonly #operators = new Map<string, Tally>();
  #escalated = 0;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#handoffs = new Counter({
      name: "toktok_handoffs_total",
      help: "Conversations handed to a person, by trigger.",
      labelNames: ["trigger"],
      registers,
    });
    this.#first = new Histogram({
      name: "toktok_handoff_first_response_seconds",
      help: "From the handoff to the operator's first message, by operator.",
      labelNames: ["operator"],
      buckets: BUCKETS,
      registers,
    });
    this.#resolution = new Histogram({
      name: "toktok_handoff_resolution_seconds",
      help: "From the handoff to the hand-back to the bot, by operator.",
      labelNames: ["operator"],
      buckets: BUCKETS,
      registers,
    });
    this.#messages = new Counter({
      name: "toktok_operator_messages_total",
      help: "Messages operators sent to customers, by operator and kind.",
      labelNames: ["operator", "kind"],
      registers,
    });
    this.#escalations = new Counter({
      name: "toktok_handoff_escalations_total",
      help: "Waiting customers left unanswered past the escalation time.",
      registers,
    });
  }

  handoff(trigger: HandoffTrigger): void {
    this.#handoffs.inc({ trigger });
    this.#byTrigger[trigger] = (this.#byTrigger[trigger] ?? 0) + 1;
  }

  firstResponse(operatorId: string, ms: number): void {
    this.#first.observe({ operator: operatorId }, ms / 1000);
    const t = this.#tally(operatorId);
    t.answered++;
    t.firstSum += ms / 1000;
  }

  resolved(operatorId: string, ms: number): void {
    this.#resolution.observe({ operator: operatorId }, ms / 1000);
    const t = this.#tally(operatorId);
    t.resolved++;
    t.resolutionSum += ms / 1000;
  }

  message(operatorId: string, kind: string): void {
    this.#messages.inc({ operator: operatorId, kind });
    this.#tally(operatorId).messages++;
  }

  escalated(): void {
    this.#escalations.inc();
    this.#escalated++;
  }

  snapshot(): InboxFigures {
    const mean = (sum: number, n: number) => (n === 0 ? undefined : Math.round(sum / n));
    return {
      handoffsByTrigger: { ...this.#byTrigger },
      escalations: this.#escalated,
      operators: [...this.#operators].map(([operatorId, t]) => ({
        operatorId,
        answered: t.answered,
        firstResponseSeconds: mean(t.firstSum, t.answered),
        resolved: t.resolved,
        resolutionSeconds: mean(t.resolutionSum, t.resolved),
        messages: t.messages,
      })),
    };
  }

  #tally(operatorId: string): Tally {
    let t = this.#operators.get(operatorId);
    if (!t) {
      t = { answered: 0, firstSum: 0, resolved: 0, resolutionSum: 0, messages: 0 };
      this.#operators.set(operatorId, t);
    }
    return t;
  }
}

/**
 * `toktok_outbox_suppressed_total`: the engine's count of bot replies dropped because a person owned
 * the conversation (decided before the takeover), mirrored at scrape time.
 */
export const registerSuppressed = (registry: Registry, read: () => number): void =>
  mirror(
    registry,
    "toktok_outbox_suppressed_total",
    "Bot replies dropped unsent because a person owned the conversation (decided before the takeover).",
    read,
  );
