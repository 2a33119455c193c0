import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { sendJson } from "./http-server.js";

/** What a simulated phone does with a payment prompt. */
export type PhoneAnswer =
  | "accept"
  | "refuse"
  | "ignore"
  | "insufficient_funds"
  | "limit_reached"
  | "not_allowed"
  | "payer_not_found";

/** The prompt a payer sees. */
export interface PhonePrompt {
  /** The payment id (MTN `X-Reference-Id`, Airtel `transaction.id`). */
  id: string;
  /** The number as the provider received it. */
  msisdn: string;
  amount: number;
  currency: string;
  message: string;
}

/** A payer's phone: answers each prompt (default: accepts). */
export type SimulatedPhone = (prompt: PhonePrompt) => PhoneAnswer | Promise<PhoneAnswer>;

/** A stand-in operation a fault can hit. */
export type FaultTarget = "token" | "request" | "status";

/**
 * A gateway fault:
 * - `error` — answer `status` (default 500) without doing anything, or after recording when `afterRecord`;
 * - `hang` — never answer (the client times out), recording first when `afterRecord`;
 * - `slow` — wait `delayMs` before answering normally.
 */
export type Fault =
  | { kind: "error"; status?: number; afterRecord?: boolean }
  | { kind: "hang"; afterRecord?: boolean }
  | { kind: "slow"; delayMs: number };

/** Which callbacks a stand-in sends when a payment becomes final. */
export type CallbackMode = "once" | "twice" | "never";

/** Faults armed on a stand-in, each for a number of requests. */
export class FaultBoard {
  readonly #armed = new Map<FaultTarget, { fault: Fault; remaining: number }>();

  arm(target: FaultTarget, fault: Fault, times: number): void {
    this.#armed.set(target, { fault, remaining: times });
  }

  clear(): void {
    this.#armed.clear();
  }

  /** Takes the fault for one request on `target`, if any is armed. */
  take(target: FaultTarget): Fault | undefined {
    const armed = this.#armed.get(target);
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed.delete(target);
    return armed.fault;
  }
}

/**
 * Runs `work` (which records and answers) under `fault`. Resolves `"hang"` when the stand-in must not answer.
 */
export async function underFault(
  fault: Fault | undefined,
  res: ServerResponse,
  work: () => Promise<void>,
  record: () => Promise<void>,
): Promise<undefined | "hang"> {
  if (fault === undefined) {
    await work();
    return undefined;
  }
  switch (fault.kind) {
    case "slow":
      await sleep(fault.delayMs);
      await work();
      return undefined;
    case "error":
      if (fault.afterRecord === true) await record();
      sendJson(res, fault.status ?? 500, {
        code: "INTERNAL_PROCESSING_ERROR",
        message: "An internal error occurred while processing.",
      });
      return undefined;
    case "hang":
      if (fault.afterRecord === true) await record();
      return "hang";
  }
}
