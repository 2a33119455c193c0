import { createHash } from "node:crypto";
import type { PaymentMethod } from "../domain.js";
import { encodePayload } from "../messaging/payloads.js";

/** Why a Mobile Money payment failed (the reasons of `@toktok/payments`). */
export const mobileMoneyFailures = [
  "insufficient_funds",
  "rejected",
  "expired",
  "payer_not_found",
  "limit_reached",
  "not_allowed",
  "declined_unspecified",
  "unknown",
] as const;

/** Why a Mobile Money payment failed. */
export type MobileMoneyFailure = (typeof mobileMoneyFailures)[number];

/** A Mobile Money payment as the flows read it. */
export interface MobileMoneyPayment {
  id: string;
  status: "pending" | "succeeded" | "failed";
  reason?: MobileMoneyFailure;
  amount: number;
  /**
   * The provider's own id of the transaction once it succeeded (MTN `financialTransactionId`, Airtel
   * `airtel_money_id`): what the operator's statement shows, so the order and the mission carry it as their
   * `paymentReference`. Optional: a port that does not know it leaves it out, and our payment id is used.
   */
  providerTransactionId?: string;
}

/** What the flows ask of a payment to collect. */
export interface MobileMoneyRequest {
  /** A UUID v4 derived from the message that asked for the payment (a redelivered message asks for the same). */
  id: string;
  amount: number;
  /** The paying number as the customer gave it. */
  payer: string;
  description: string;
  externalId: string;
  operator: "mtn" | "airtel";
  /**
   * `waId`: the conversation to resume when the payment settles; a marketplace payment also names its shop
   * (`merchantId`), the company it belongs to.
   */
  metadata: Record<string, string>;
}

/**
 * The payment port of the flows: `@toktok/payments`' `PaymentCollector` fits it as is (structural typing,
 * no dependency). The flows only ever read a payment's status from it; when a payment settles, the app
 * hands the conversation a message (see `paymentSettledMessage`) and the waiting step asks the port again.
 */
export interface MobileMoneyPayments {
  collect(request: MobileMoneyRequest): Promise<MobileMoneyPayment>;
  get(id: string): Promise<MobileMoneyPayment | undefined>;
  /**
   * Marks a succeeded payment as used, once for all processes: true for the first caller only. The waiting
   * step claims the payment it turns into an order or a mission, and an app's `onLatePayment` claims one whose
   * customer left before refunding it — so a payment is never both delivered and refunded. Optional: without
   * it, a late settlement cannot tell a used payment from a forgotten one and should only be logged.
   */
  claim?(id: string): Promise<boolean>;
  /**
   * Asks the provider again now and resolves the payment as it then stands: a payment failed as expired while
   * its provider still had it in progress may have been approved since (`PaymentCollector.check` fits).
   * The failure step calls it before a retry asks for a new payment. Optional: without it, `get` is read.
   */
  check?(id: string): Promise<MobileMoneyPayment | undefined>;
  /**
   * Hands a succeeded payment the flow will not use to a person for a refund: its amount is not the order's
   * total any more (a price changed while the customer approved). Called after `claim`. Optional: without it,
   * the customer is still told an agent will refund them, and nothing else is done.
   */
  refund?(id: string, reason: string): Promise<void>;
}

/** The operator behind a Mobile Money payment method. */
export const operatorOf: Readonly<Record<Exclude<PaymentMethod, "cash">, "mtn" | "airtel">> = {
  mtn_momo: "mtn",
  airtel_money: "airtel",
};

/** A UUID v4 derived from `seed`: the same message always asks for the same payment. */
export function paymentIdFor(seed: string): string {
  const hex = createHash("sha256").update(`toktok-payment:${seed}`).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The 9 national digits of a Congo number typed by a customer (`06 123 45 67`, `+242 05…`), when its
 * operator is the one of `method` (MTN: 06; Airtel: 05, 04); `undefined` otherwise.
 */
export function payerNumber(text: string, method: Exclude<PaymentMethod, "cash">): string | undefined {
  const digits = text.replace(/[\s.\-()+]/g, "").replace(/^00/, "");
  const national = /^2420[4-6]\d{7}$/.test(digits) ? digits.slice(3) : digits;
  if (!/^0[4-6]\d{7}$/.test(national)) return undefined;
  const mtn = national.startsWith("06");
  return (method === "mtn_momo") === mtn ? national : undefined;
}

/**
 * The message an app hands the engine when a payment settles; the waiting step then asks the port. `late`:
 * a payment failed as expired that turned out paid (`onLateSuccess`) — another message id, so the engine does
 * not drop it as the first settlement's duplicate.
 */
export function paymentSettledMessage(paymentId: string, waId: string, options: { late?: boolean } = {}) {
  return {
    id: `payment-settled:${paymentId}${options.late === true ? ":late" : ""}`,
    from: waId,
    message: { type: "button_reply", replyId: encodePayload("payment", "settled"), title: "💰" },
  } as const;
}
