/** Why a payment failed: one set for every provider, each provider's own codes mapped onto it. */
export const FAILURE_REASONS = [
  "insufficient_funds",
  "rejected",
  "expired",
  "payer_not_found",
  "limit_reached",
  "not_allowed",
  "declined_unspecified",
  "unknown",
] as const;

/**
 * Why a payment failed:
 * - `insufficient_funds` — the payer's wallet does not hold the amount;
 * - `rejected` — the payer refused on the phone (or typed a wrong PIN);
 * - `expired` — the payer did not answer (PIN never entered) before the provider or the collector gave up;
 * - `payer_not_found` — the number has no wallet with this provider;
 * - `limit_reached` — a wallet or transaction limit was hit;
 * - `not_allowed` — the wallet or merchant is barred from this transaction;
 * - `declined_unspecified` — the provider declined for one of several causes it does not tell apart (MTN Congo's
 *   `LOW_BALANCE_OR_PAYEE_LIMIT_REACHED_OR_NOT_ALLOWED`: low balance, a limit or a ban), so no single cause is claimed;
 * - `unknown` — anything else (the provider's own code is kept in `providerReason`).
 */
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Where a payment stands. Only `succeeded` and `failed` are final. */
export type PaymentStatus = "pending" | "succeeded" | "failed";

/** The two operators of Congo-Brazzaville's Mobile Money. */
export type Operator = "mtn" | "airtel";

/** A payment to ask for; see {@link PaymentProvider.requestPayment}. */
export interface PaymentRequest {
  /**
   * Your id for this payment, a UUID (v4). It is MTN's `X-Reference-Id` and Airtel's `transaction.id`:
   * store it before calling, so a timeout can be resolved by asking for it instead of paying twice.
   */
  id: string;
  /** Amount in the currency's major unit (FCFA for `XAF`, which has no minor unit). */
  amount: number;
  /** ISO 4217 code; defaults to the provider's configured currency (MTN sandbox: `EUR`, production: `XAF`). */
  currency?: string;
  /** The payer's phone number, in any usual form (`06 123 45 67`, `+242061234567`, a sandbox test number). */
  payer: string;
  /** Shown to the payer on the phone prompt (MTN `payerMessage`, Airtel `reference`); never empty. */
  description: string;
  /** Your order or mission id, echoed back by MTN for reconciliation. Defaults to `id`. */
  externalId?: string;
}

/** What a provider says about a payment (see {@link PaymentProvider.getPayment}). */
export interface ProviderPayment {
  /** The id the payment was requested with. */
  id: string;
  status: PaymentStatus;
  /** Set when `status` is `failed`. */
  reason?: FailureReason;
  /** The provider's own reason or code, e.g. `"APPROVAL_REJECTED"` or `"DP00800001007"`. */
  providerReason?: string;
  /** MTN `financialTransactionId`, Airtel `airtel_money_id`. */
  providerTransactionId?: string;
  /** The amount as the provider recorded it (MTN reports it; Airtel's enquiry does not). */
  amount?: number;
  /** The currency as the provider recorded it (MTN reports it; Airtel's enquiry does not). */
  currency?: string;
  /** The external id as the provider recorded it (MTN reports it; Airtel's enquiry does not). */
  externalId?: string;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call; an aborted request may still have reached the provider. */
  signal?: AbortSignal;
}

/**
 * A Mobile Money collection API: ask a payer to approve a payment on their phone, then read its outcome.
 * {@link MtnMomoCollection} and {@link AirtelMoneyCollection} implement it; the `PaymentCollector` uses it.
 */
export interface PaymentProvider {
  /** `"mtn"` or `"airtel"`. */
  readonly operator: Operator;
  /** The currency used when a request names none (`XAF` in Congo, `EUR` in MTN's sandbox). */
  readonly currency: string;
  /**
   * What this provider's status answer always reports of a payment (MTN: `amount` and `currency`; Airtel's
   * enquiry reports none). A success missing one of these is not paid: it may not be the payment asked for.
   */
  readonly reports?: readonly ("amount" | "currency" | "externalId")[];
  /**
   * Sends the payment request; resolves once the provider accepted it (the payer still has to approve).
   * Throws `PaymentsValidationError` before any request, `PaymentsProviderError` or `PaymentsTimeoutError` after.
   */
  requestPayment(request: PaymentRequest, options?: CallOptions): Promise<void>;
  /** Reads the payment's status; resolves `undefined` when the provider has no record of `id`. */
  getPayment(id: string, options?: CallOptions): Promise<ProviderPayment | undefined>;
  /**
   * Reads the payment id out of a callback. A callback is a hint to query, never proof:
   * whatever it says, only {@link getPayment} decides. `undefined` when nothing usable is in it.
   */
  parseCallback(body: unknown, url?: string): string | undefined;
}
