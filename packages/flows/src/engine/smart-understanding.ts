import {
  detectIntent,
  detectLanguage,
  explain,
  extractDeliveryDetails,
  parseAmount,
  parsePhone,
} from "@toktok/smart-fallback";
import { catalogues } from "../i18n/catalogue.js";
import type { SyncUnderstanding } from "./understanding.js";

/** The default {@link Understanding}: `@toktok/smart-fallback`'s deterministic readers, Congo numbers by default. */
export const smartUnderstanding: SyncUnderstanding = {
  detectIntent: (text) => detectIntent(text),
  extractDeliveryDetails: (text) => {
    const d = extractDeliveryDetails(text, { defaultCountry: "CG" });
    return {
      confidence: d.confidence,
      ...(d.address === undefined ? {} : { address: d.address }),
      ...(d.phone === undefined ? {} : { phone: d.phone }),
      ...(d.amount === undefined ? {} : { amount: d.amount }),
      ...(d.recipientName === undefined ? {} : { recipientName: d.recipientName }),
    };
  },
  parseAmount: (text) => parseAmount(text),
  parsePhone: (text) => parsePhone(text, { defaultCountry: "CG" }),
  // smart-fallback explains the fields it reads (in French and English); the flows' own fields,
  // and every field in Lingala, come from the catalogue.
  explain: (field, locale) =>
    locale !== "ln" && (field === "amount" || field === "phone" || field === "address")
      ? explain(field, locale)
      : catalogues[locale].explain[field],
  detectLanguage: (text) => detectLanguage(text).language,
};
