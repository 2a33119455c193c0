import { SmartFallbackValidationError } from "../errors.js";
import type { ExplainableField } from "../extract/types.js";
import { type Explanation, type Locale, MESSAGES } from "./locales.js";

function lookup(field: ExplainableField, locale: Locale): Explanation {
  const table = MESSAGES[locale];
  if (table === undefined)
    throw new SmartFallbackValidationError("locale", `must be one of ${Object.keys(MESSAGES).join(", ")}`);
  const entry = table[field];
  if (entry === undefined) {
    throw new SmartFallbackValidationError("field", `must be one of ${Object.keys(table).join(", ")}`);
  }
  return entry;
}

/**
 * The friendly re-prompt for a field the bot could not read, with an example, on two lines.
 * @example
 * explain("amount"); // "⚠️ Je n'ai pas compris le montant.\n💡 Tapez 5000 pour 5000 FCFA"
 * explain("phone", "en"); // "⚠️ I didn't understand the phone number.\n💡 Type 06 123 4567 or +242 06 123 4567"
 */
export function explain(field: ExplainableField, locale: Locale = "fr"): string {
  const { problem, example } = lookup(field, locale);
  return `${problem}\n${example}`;
}

/** The two parts of {@link explain} separately, for UIs that lay them out themselves. */
export function explainParts(field: ExplainableField, locale: Locale = "fr"): Explanation {
  return { ...lookup(field, locale) };
}
