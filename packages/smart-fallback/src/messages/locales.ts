import type { ExplainableField } from "../extract/types.js";

/** Languages of the re-prompts. */
export type Locale = "fr" | "en";

/** A re-prompt: what went wrong and an example of a good answer. */
export interface Explanation {
  /** "⚠️ Je n'ai pas compris le montant." */
  problem: string;
  /** "💡 Tapez 5000 pour 5000 FCFA" */
  example: string;
}

export const MESSAGES: Readonly<Record<Locale, Readonly<Record<ExplainableField, Explanation>>>> = {
  fr: {
    amount: { problem: "⚠️ Je n'ai pas compris le montant.", example: "💡 Tapez 5000 pour 5000 FCFA" },
    phone: {
      problem: "⚠️ Je n'ai pas compris le numéro de téléphone.",
      example: "💡 Tapez 06 123 4567 ou +242 06 123 4567",
    },
    address: {
      problem: "⚠️ Je n'ai pas compris l'adresse.",
      example: "💡 Tapez par exemple : 12 avenue Matsoua, Poto-Poto",
    },
    recipientName: {
      problem: "⚠️ Je n'ai pas compris le nom du destinataire.",
      example: "💡 Tapez par exemple : Marie Mabiala",
    },
    intent: {
      problem: "⚠️ Je n'ai pas compris votre demande.",
      example: "💡 Tapez « envoyer un colis », « commander », « suivre » ou « aide »",
    },
  },
  en: {
    amount: { problem: "⚠️ I didn't understand the amount.", example: "💡 Type 5000 for 5000 FCFA" },
    phone: {
      problem: "⚠️ I didn't understand the phone number.",
      example: "💡 Type 06 123 4567 or +242 06 123 4567",
    },
    address: {
      problem: "⚠️ I didn't understand the address.",
      example: "💡 Type for example: 12 avenue Matsoua, Poto-Poto",
    },
    recipientName: {
      problem: "⚠️ I didn't understand the recipient's name.",
      example: "💡 Type for example: Marie Mabiala",
    },
    intent: {
      problem: "⚠️ I didn't understand your request.",
      example: "💡 Type “send a parcel”, “order”, “track” or “help”",
    },
  },
};
