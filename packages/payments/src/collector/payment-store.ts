import type { FailureReason, Operator, PaymentStatus } from "../core/types.js";

/** A payment as the collector keeps it: written before the provider is called, settled once. */
export interface StoredPayment {
  /** The caller's id (a UUID): MTN's `X-Reference-Id`, Airtel's `transaction.id`. */
  id: string;
  operator: Operator;
  amount: number;
  currency: string;
  /** The order or mission this payment is for; a success must echo it (when the provider reports it). */
  externalId: string;
  /** The payer's number as given. */
  payer: string;
  description: string;
  status: PaymentStatus;
  /** `requesting` until the provider acknowledged the request, then `requested`. */
  phase: "requesting" | "requested";
  /** How many times the request was sent (always with the same id). */
  requestAttempts: number;
  /** Set when the provider refused the request outright (and has no record of it). */
  refusal?: FailureReason;
  reason?: FailureReason;
  providerReason?: string;
  providerTransactionId?: string;
  /** Why a payment the provider calls successful was not accepted, e.g. `"amount 500 instead of 7500"`. */
  anomaly?: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms after which a payment still pending is failed as `expired`. */
  expiresAt: number;
  settledAt?: number;
  /**
   * Epoch ms: set when the collector failed the payment as `expired` while the provider had not finished it
   * (MTN `PENDING`, Airtel `TIP`/`TA`). The payer may still approve: the collector keeps asking until then, and
   * a late success fires `onLateSuccess`. Removed once the provider says it is final or the time is up.
   */
  lateCheckUntil?: number;
  /** True when a payment failed as expired turned out paid afterwards (its `status` is then `succeeded`). */
  lateSuccess?: boolean;
  /** True once `onSettled` returned for this payment. */
  notified: boolean;
  /** The caller's own data given to `collect`. */
  metadata?: Record<string, string>;
}

/** What settles a payment. */
export type Settlement = Pick<
  StoredPayment,
  "status" | "reason" | "providerReason" | "providerTransactionId" | "anomaly" | "settledAt" | "lateCheckUntil"
>;

/**
 * How a payment failed as expired but still watched (`lateCheckUntil`) ends: `succeeded` turns it into a late
 * success (status `succeeded`, `lateSuccess`, to be notified again); otherwise the watch just stops, keeping
 * what the provider said (`providerReason`, or an `anomaly` for a success that does not match the order).
 */
export type LateOutcome = { succeeded: boolean; at: number } & Pick<
  StoredPayment,
  "providerReason" | "providerTransactionId" | "anomaly"
>;

/** What may change on a payment still pending. */
export type PendingPatch = Partial<Pick<StoredPayment, "phase" | "requestAttempts" | "refusal">>;

/**
 * Where the collector keeps payments, so that a restart resumes them and nothing is paid or settled twice.
 * {@link MemoryPaymentStore} is the default; implement this on your database for a durable collector.
 */
export interface PaymentStore {
  /** Inserts `payment`; resolves `false` (and changes nothing) when its id is already stored. */
  create(payment: StoredPayment): Promise<boolean>;
  get(id: string): Promise<StoredPayment | undefined>;
  /** Applies `patch` when the payment is still pending; ignored otherwise. */
  update(id: string, patch: PendingPatch): Promise<void>;
  /**
   * Settles a pending payment, atomically: resolves the settled payment when this call moved it out of
   * `pending`, `undefined` when it was already settled (or unknown). This is what makes `onSettled` fire once.
   */
  settle(id: string, settlement: Settlement): Promise<StoredPayment | undefined>;
  /**
   * Ends the watch of a payment failed as expired (`lateCheckUntil` set), atomically: resolves the payment when
   * this call ended it, `undefined` when it was not watched (any more). A late success is left unnotified, so
   * `onLateSuccess` fires once, again after a crash.
   */
  settleLate(id: string, outcome: LateOutcome): Promise<StoredPayment | undefined>;
  /** Records that `onSettled` (or `onLateSuccess`) ran for a settled payment. */
  markNotified(id: string): Promise<void>;
  /**
   * Payments still pending, settled ones whose `onSettled` has not run, and failed ones still watched after
   * their expiry (`lateCheckUntil`): what a restart must resume.
   */
  listUnfinished(): Promise<StoredPayment[]>;
}

/** A {@link PaymentStore} in process memory: for tests, the demo and single-process bots that accept losing pending payments on a crash. */
export class MemoryPaymentStore implements PaymentStore {
  readonly #payments = new Map<string, StoredPayment>();

  async create(payment: StoredPayment): Promise<boolean> {
    if (this.#payments.has(payment.id)) return false;
    this.#payments.set(payment.id, structuredClone(payment));
    return true;
  }

  async get(id: string): Promise<StoredPayment | undefined> {
    const payment = this.#payments.get(id);
    return payment === undefined ? undefined : structuredClone(payment);
  }

  async update(id: string, patch: PendingPatch): Promise<void> {
    const payment = this.#payments.get(id);
    if (payment?.status === "pending") Object.assign(payment, patch);
  }

  async settle(id: string, settlement: Settlement): Promise<StoredPayment | undefined> {
    const payment = this.#payments.get(id);
    if (payment === undefined || payment.status !== "pending") return undefined;
    for (const [key, value] of Object.entries(settlement)) {
      if (value !== undefined) (payment as unknown as Record<string, unknown>)[key] = value;
    }
    return structuredClone(payment);
  }

  async settleLate(id: string, outcome: LateOutcome): Promise<StoredPayment | undefined> {
    const payment = this.#payments.get(id);
    if (payment === undefined || payment.status !== "failed" || payment.lateCheckUntil === undefined) return undefined;
    applyLate(payment, outcome);
    return structuredClone(payment);
  }

  async markNotified(id: string): Promise<void> {
    const payment = this.#payments.get(id);
    if (payment !== undefined && payment.status !== "pending") payment.notified = true;
  }

  async listUnfinished(): Promise<StoredPayment[]> {
    return [...this.#payments.values()]
      .filter((p) => p.status === "pending" || !p.notified || p.lateCheckUntil !== undefined)
      .map((p) => structuredClone(p));
  }
}

/** What {@link PaymentStore.settleLate} changes on a watched payment (the Redis store does the same in Lua). */
export function applyLate(payment: StoredPayment, outcome: LateOutcome): void {
  delete payment.lateCheckUntil;
  if (outcome.providerReason !== undefined) payment.providerReason = outcome.providerReason;
  if (outcome.providerTransactionId !== undefined) payment.providerTransactionId = outcome.providerTransactionId;
  if (outcome.anomaly !== undefined) payment.anomaly = outcome.anomaly;
  if (!outcome.succeeded) return;
  payment.status = "succeeded";
  delete payment.reason;
  payment.lateSuccess = true;
  payment.settledAt = outcome.at;
  payment.notified = false;
}
