import type { FailureReason } from "../core/types.js";

/** Airtel's response code for a transaction it has no record of. */
export const AIRTEL_NOT_FOUND = "DP00800001025";

/**
 * Airtel's result code for a payment request whose `transaction.id` it already has ("External Transaction
 * ID already exists", the ESB error table of its Collection API documentation): the earlier request was
 * recorded, so the payment is read by its id, never asked for again.
 */
export const AIRTEL_DUPLICATE_ID = "ESB000041";

/** Airtel's `DPxxx` response codes of a failed (`TF`) collection onto the one set of this package. */
const REASONS: ReadonlyMap<string, FailureReason> = new Map([
  ["DP00800001002", "rejected"], // incorrect PIN
  ["DP00800001003", "limit_reached"], // wallet transaction limit exceeded
  ["DP00800001004", "not_allowed"], // amount under the allowed minimum
  ["DP00800001005", "expired"], // the payer did not enter the PIN
  ["DP00800001007", "insufficient_funds"],
  ["DP00800001008", "rejected"], // refused
  ["DP00800001010", "payer_not_found"], // barred, churned or not registered on Airtel Money
  ["DP00800001024", "expired"], // timed out
  ["DP00800001029", "expired"],
]);

/** The {@link FailureReason} of an Airtel response code; `unknown` for anything unlisted. */
export function airtelFailureReason(code: string | undefined): FailureReason {
  return (code !== undefined ? REASONS.get(code) : undefined) ?? "unknown";
}
