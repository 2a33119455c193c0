import type { PhoneAnswer, SimulatedPhone } from "./knobs.js";

/** A payment as a stand-in provider holds it. */
export interface SimulatedPayment {
  id: string;
  msisdn: string;
  amount: number;
  currency: string;
  externalId: string;
  message: string;
  state: "pending" | "succeeded" | "failed";
  /** Why it failed, as the phone (or the provider's clock) decided. */
  failure?: Exclude<PhoneAnswer, "accept" | "ignore"> | "expired" | "failed";
  /** The provider's transaction id, set on success. */
  transactionId?: string;
}

/** What decides a payment: the phone's answer, or a sandbox number's fixed behaviour. */
export type Decision = PhoneAnswer | "failed" | "expired" | "ongoing" | { delayMs: number };

/**
 * A stand-in provider's book: payments by id, each debit once, the payer's phone asked once per payment,
 * a prompt left unanswered expiring after `expireAfterMs`.
 */
export class Ledger {
  readonly payments = new Map<string, SimulatedPayment>();
  readonly debits: SimulatedPayment[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #sequence = 0;

  constructor(
    private readonly prefix: string,
    private readonly onFinal: (payment: SimulatedPayment) => void,
  ) {}

  /** Records a new payment and asks `decide` what happens to it (asynchronously, like a real phone). */
  open(payment: SimulatedPayment, decide: () => Decision | Promise<Decision>, expireAfterMs: number): void {
    this.payments.set(payment.id, payment);
    this.#later(0, async () => {
      let decision: Decision;
      try {
        decision = await decide();
      } catch {
        decision = "failed";
      }
      if (decision === "ongoing") return; // never answered, never expired: MTN sandbox's "ongoing" number
      if (typeof decision === "object") this.#later(decision.delayMs, () => this.#finish(payment, "accept"));
      else if (decision === "ignore") this.#later(expireAfterMs, () => this.#finish(payment, "expired"));
      else this.#finish(payment, decision);
    });
  }

  /** Cancels every timer (the stand-in is closing). */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #finish(payment: SimulatedPayment, decision: Exclude<Decision, "ignore" | "ongoing" | { delayMs: number }>): void {
    if (payment.state !== "pending") return;
    if (decision === "accept") {
      payment.state = "succeeded";
      this.#sequence += 1;
      payment.transactionId = `${this.prefix}${Date.now()}${this.#sequence}`;
      this.debits.push(payment);
    } else {
      payment.state = "failed";
      payment.failure = decision;
    }
    this.onFinal(payment);
  }

  #later(delayMs: number, run: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void run();
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }
}

/** The default phone: accepts every prompt. */
export const acceptingPhone: SimulatedPhone = () => "accept";
