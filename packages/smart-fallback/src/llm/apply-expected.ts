import type { CountryCode } from "libphonenumber-js/max";
import { parseAmount } from "../amount/parse-amount.js";
import type { DeliveryDetails, DeliveryField } from "../extract/types.js";
import { validateAddress, validateRecipientName } from "../messages/validators.js";

/**
 * When the bot has just asked for one field, a bare answer is that field: "150" answers
 * "Quel montant ?", "Mbota" answers "Quelle adresse ?". Mutates and returns `details`.
 */
export function applyExpected(
  details: DeliveryDetails,
  text: string,
  expected: DeliveryField,
  country: CountryCode,
): DeliveryDetails {
  if (details[expected] !== undefined && details.fieldConfidence[expected] >= 0.8) return details;
  if (expected === "amount") {
    const value = parseAmount(text, { defaultCountry: country });
    if (value !== undefined && value > 0) {
      details.amount = value;
      details.fieldConfidence.amount = 0.9;
    }
  } else if (expected === "address" && details.address === undefined) {
    const v = validateAddress(text);
    if (v.ok) {
      details.address = v.value;
      details.fieldConfidence.address = 0.75;
    }
  } else if (expected === "recipientName" && details.recipientName === undefined) {
    const v = validateRecipientName(text);
    if (v.ok) {
      details.recipientName = v.value;
      details.fieldConfidence.recipientName = 0.8;
    }
  }
  const f = details.fieldConfidence;
  details.confidence = Math.min(f.phone, f.amount, f.address, f.recipientName);
  return details;
}
