import type { Locale } from "../../sessions/types.js";

/** The texts of the feedback flow. */
export interface FeedbackTexts {
  ask(reference: string, driver: string | undefined): string;
  good: string;
  ok: string;
  bad: string;
  badRating: string;
  askComment(rating: number): string;
  thanks: string;
  nothingToRate: string;
}

const fr: FeedbackTexts = {
  ask: (reference, driver) => `⭐ Comment s'est passée la livraison ${reference}${driver ? ` avec ${driver}` : ""} ?`,
  good: "😀 Très bien",
  ok: "😐 Correct",
  bad: "😞 Pas bien",
  badRating: "Choisissez un bouton, ou tapez une note de 1 à 5.",
  askComment: (rating) => `Merci pour votre note (${rating}/5) ! Un commentaire ? Tapez-le, ou « passer ».`,
  thanks: "🙏 Merci ! Votre avis aide nos livreurs à s'améliorer.",
  nothingToRate: "Vous n'avez pas de livraison à noter pour l'instant.",
};

const en: FeedbackTexts = {
  ask: (reference, driver) => `⭐ How was delivery ${reference}${driver ? ` with ${driver}` : ""}?`,
  good: "😀 Very good",
  ok: "😐 Fine",
  bad: "😞 Not good",
  badRating: "Pick a button, or type a rating from 1 to 5.",
  askComment: (rating) => `Thanks for your rating (${rating}/5)! Any comment? Type it, or "skip".`,
  thanks: "🙏 Thank you! Your feedback helps our drivers improve.",
  nothingToRate: "You have no delivery to rate yet.",
};

/** Feedback texts per locale; Lingala users read the French ones. */
export const feedbackTexts: Record<Locale, FeedbackTexts> = { fr, en, ln: fr };
