import type {
  MobileMoneyFailure,
  MobileMoneyPayment,
  MobileMoneyPayments,
  MobileMoneyRequest,
} from "../payments/mobile-money.js";

/** A payment port whose payments settle when the test says so (the flows' tests of Mobile Money). */
export class ScriptedPayments implements MobileMoneyPayments {
  readonly requests: MobileMoneyRequest[] = [];
  /** Every payment handed to a person for a refund, with why. */
  readonly refunds: Array<{ id: string; reason: string }> = [];
  /** Ids asked again at the provider (`check`). */
  readonly checks: string[] = [];
  readonly #payments = new Map<string, MobileMoneyPayment>();
  readonly #claimed = new Set<string>();

  async collect(request: MobileMoneyRequest): Promise<MobileMoneyPayment> {
    this.requests.push(request);
    const payment = this.#payments.get(request.id) ?? { id: request.id, status: "pending", amount: request.amount };
    this.#payments.set(request.id, payment);
    return { ...payment };
  }

  async get(id: string): Promise<MobileMoneyPayment | undefined> {
    const payment = this.#payments.get(id);
    return payment && { ...payment };
  }

  async check(id: string): Promise<MobileMoneyPayment | undefined> {
    this.checks.push(id);
    return this.get(id);
  }

  async refund(id: string, reason: string): Promise<void> {
    this.refunds.push({ id, reason });
  }

  async claim(id: string): Promise<boolean> {
    if (this.#claimed.has(id)) return false;
    this.#claimed.add(id);
    return true;
  }

  /**
   * Settles a payment; `paid` sets the amount the provider reports when it is not the one asked for,
   * `transactionId` the provider's own id of a succeeded payment (MTN `financialTransactionId`).
   */
  settle(
    id: string,
    status: "succeeded" | "failed",
    reason?: MobileMoneyFailure,
    paid?: number,
    transactionId?: string,
  ): void {
    const payment = this.#payments.get(id);
    if (payment === undefined) throw new Error(`no payment ${id}`);
    payment.status = status;
    if (transactionId !== undefined) payment.providerTransactionId = transactionId;
    if (status === "succeeded") delete payment.reason;
    else if (reason) payment.reason = reason;
    if (paid !== undefined) payment.amount = paid;
  }

  /** The id of the n-th payment asked for. */
  idOf(n: number): string {
    const request = this.requests[n];
    if (request === undefined) throw new Error(`no payment #${n}`);
    return request.id;
  }
}
