import type { AddressLocation } from "../address/extract-address.js";

/** The four fields read from a delivery message. */
export type DeliveryField = "phone" | "amount" | "address" | "recipientName";

/** Every field the library can explain or re-prompt for. */
export type ExplainableField = DeliveryField | "intent";

/** What {@link extractDeliveryDetails} understood from a message. */
export interface DeliveryDetails {
  /** Cleaned place text, gazetteer names in their official spelling ("12 avenue Matsoua, Poto-Poto"). */
  address?: string;
  /** Gazetteer resolution of the address, when a known place was named. */
  location?: AddressLocation;
  /** E.164 (`+242061234567`). */
  phone?: string;
  /** Integer amount in XAF. */
  amount?: number;
  recipientName?: string;
  /** Overall confidence: the weakest field's. */
  confidence: number;
  /**
   * Confidence per field, 0–1, in the answer given — a value, or the absence of one. A low
   * figure means "ask again or ask the LLM".
   */
  fieldConfidence: Record<DeliveryField, number>;
}
