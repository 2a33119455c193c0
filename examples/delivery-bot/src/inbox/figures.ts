import { Counter, Histogram, type Registry } from "@prometheus-io/client";
import type { HandoffTrigger } from "@toktok/flows";
import { mirror } from "../bot/delivery-metrics.ts";
import type { InboxStore } from "./types.ts";

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

/**
 * What the dashboard shows (`GET /api/inbox/figures`): the counts kept in the inbox store, so every
 * process on a shared Redis reports the same figures.
 */
export interface InboxFigures {
  handoffsByTrigger: Record<string, number>;
  escalations: number;
  operators: OperatorFigures[];
}

const BUCKETS = [15, 30, 60, 120, 300, 600, 1_800, 3_600, 4 * 3_600, 24 * 3_600];

const TALLY = ["answered", "firstSum", "resolved", "resolutionSum", "messages"] as const;
type Tally = Record<(typeof TALLY)[number], number>;
// Counter names in the store: `trigger:<trigger>`, `escalations`, `operator:<id>:<tally field>`.
const TRIGGER = "trigger:";
const OPERATOR = /^operator:(.+):([a-zA-Z]+)$/;

/**
 * The handoff figures, on `/metrics` (`toktok_handoffs_total{trigger}`, `toktok_handoff_first_response_seconds`
 * and `toktok_handoff_resolution_seconds` by operator, `toktok_operator_messages_total`,
 * `toktok_handoff_escalations_total`) and as JSON for the dashboard. Times count from the handoff,
 * not from the session's start. `/metrics` counts this process (Prometheus sums the processes); the
 * JSON counts live in the inbox store, shared by every process.
 */
export class HandoffFigures {
  readonly #handoffs: Counter<"trigger">;
  readonly #first: Histogram<"operator">;
  readonly #resolution: Histogram<"operator">;
  readonly #messages: Counter<"operator" | "kind">;
  readonly #escalations: Counter;
  readonly #store: Pick<InboxStore, "addCounts" | "counts">;

  constructor(registry: Registry, store: Pick<InboxStore, "addCounts" | "counts">) {
    this.#store = store;
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

  async handoff(trigger: HandoffTrigger): Promise<void> {
    this.#handoffs.inc({ trigger });
    await this.#store.addCounts({ [`${TRIGGER}${trigger}`]: 1 });
  }

  async firstResponse(operatorId: string, ms: number): Promise<void> {
    this.#first.observe({ operator: operatorId }, ms / 1000);
    await this.#store.addCounts({
      [`operator:${operatorId}:answered`]: 1,
      [`operator:${operatorId}:firstSum`]: ms / 1000,
    });
  }

  async resolved(operatorId: string, ms: number): Promise<void> {
    this.#resolution.observe({ operator: operatorId }, ms / 1000);
    await this.#store.addCounts({
      [`operator:${operatorId}:resolved`]: 1,
      [`operator:${operatorId}:resolutionSum`]: ms / 1000,
    });
  }

  async message(operatorId: string, kind: string): Promise<void> {
    this.#messages.inc({ operator: operatorId, kind });
    await this.#store.addCounts({ [`operator:${operatorId}:messages`]: 1 });
  }

  async escalated(): Promise<void> {
    this.#escalations.inc();
    await this.#store.addCounts({ escalations: 1 });
  }

  async snapshot(): Promise<InboxFigures> {
    const handoffsByTrigger: Record<string, number> = {};
    const operators = new Map<string, Tally>();
    let escalations = 0;
    for (const [key, value] of Object.entries(await this.#store.counts())) {
      if (key === "escalations") escalations = value;
      else if (key.startsWith(TRIGGER)) handoffsByTrigger[key.slice(TRIGGER.length)] = value;
      const match = OPERATOR.exec(key);
      const field = TALLY.find((f) => f === match?.[2]);
      if (!match?.[1] || !field) continue;
      let t = operators.get(match[1]);
      if (!t) {
        t = { answered: 0, firstSum: 0, resolved: 0, resolutionSum: 0, messages: 0 };
        operators.set(match[1], t);
      }
      t[field] = value;
    }
    const mean = (sum: number, n: number) => (n === 0 ? undefined : Math.round(sum / n));
    return {
      handoffsByTrigger,
      escalations,
      operators: [...operators].map(([operatorId, t]) => ({
        operatorId,
        answered: t.answered,
        firstResponseSeconds: mean(t.firstSum, t.answered),
        resolved: t.resolved,
        resolutionSeconds: mean(t.resolutionSum, t.resolved),
        messages: t.messages,
      })),
    };
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
