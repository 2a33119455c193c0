import type { Catalogue } from "../i18n/catalogue-type.js";
import type { UserInput } from "../messaging/inbound.js";
import { payloadValue } from "../messaging/payloads.js";
import type { Locale, Session } from "../sessions/types.js";

/** A Mobile Money payment that settled after its customer left the step waiting for it. */
export interface LatePayment {
  /** The customer's WhatsApp ID. */
  userId: string;
  paymentId: string;
  locale: Locale;
  /** The customer's texts, for the message to send. */
  t: Catalogue;
}

/**
 * Decides what a late settlement means (see `FlowEngineOptions.onLatePayment`) and returns the message to
 * send the customer, or `undefined` to say nothing (a failed payment: nobody was charged).
 */
export type LatePaymentHandler = (late: LatePayment) => Promise<string | undefined>;

const prefix = "payment-settled:";

/**
 * The payment a settlement message (`paymentSettledMessage`) is about, when the conversation no longer waits
 * for it: the customer cancelled, went to the menu or into another flow meanwhile. `undefined` for any other
 * message, and for the settlement the current flow holds (`data.paymentId`, the Mobile Money steps' field),
 * which its waiting step reads as usual.
 */
export function latePaymentId(session: Session, messageId: string, input: UserInput): string | undefined {
  if (input.kind !== "choice" || payloadValue(input.id, "payment") === undefined) return undefined;
  if (!messageId.startsWith(prefix)) return undefined;
  // `payment-settled:<id>` or, for a late success, `payment-settled:<id>:late` (a UUID has no colon).
  const paymentId = messageId.slice(prefix.length).split(":")[0] ?? "";
  return session.flow?.data.paymentId === paymentId ? undefined : paymentId;
}
