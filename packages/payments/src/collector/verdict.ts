import type { PaymentProvider, ProviderPayment } from "../core/types.js";
import type { Settlement, StoredPayment } from "./payment-store.js";

/**
 * What a provider's answer means for a stored payment: a settlement, or `undefined` to keep waiting.
 * A success counts only when what the provider reports of amount, currency and external id matches what was
 * stored before the request; otherwise the payment is failed with an `anomaly` for a person to look at
 * (money may have moved: refund or reconcile by hand). A field the provider always `reports` (MTN: amount
 * and currency) must be there: a success without it is a mismatch too, never paid.
 */
export function verdict(
  stored: StoredPayment,
  answer: ProviderPayment,
  now: number,
  reports: PaymentProvider["reports"] = [],
): Settlement | undefined {
  const ids = answer.providerTransactionId === undefined ? {} : { providerTransactionId: answer.providerTransactionId };
  if (answer.status === "succeeded") {
    const anomaly = missing(answer, reports) ?? mismatch(stored, answer);
    if (anomaly === undefined) return { status: "succeeded", settledAt: now, ...ids };
    return { status: "failed", reason: "unknown", anomaly, settledAt: now, ...ids };
  }
  if (answer.status === "failed") {
    const settlement: Settlement = { status: "failed", reason: answer.reason ?? "unknown", settledAt: now, ...ids };
    if (answer.providerReason !== undefined) settlement.providerReason = answer.providerReason;
    return settlement;
  }
  return now >= stored.expiresAt ? expired(now) : undefined;
}

/** A payment given up on: still pending (or unknown to the provider) after its expiry. */
export function expired(now: number): Settlement {
  return { status: "failed", reason: "expired", settledAt: now };
}

function mismatch(stored: StoredPayment, answer: ProviderPayment): string | undefined {
  if (answer.amount !== undefined && answer.amount !== stored.amount) {
    return `amount ${answer.amount} instead of ${stored.amount}`;
  }
  if (answer.currency !== undefined && answer.currency !== stored.currency) {
    return `currency ${answer.currency} instead of ${stored.currency}`;
  }
  if (answer.externalId !== undefined && answer.externalId !== stored.externalId) {
    return `externalId ${answer.externalId} instead of ${stored.externalId}`;
  }
  return undefined;
}

function missing(answer: ProviderPayment, reports: NonNullable<PaymentProvider["reports"]>): string | undefined {
  const absent = reports.find((field) => answer[field] === undefined);
  return absent === undefined ? undefined : `${absent} missing from the provider's answer`;
}
