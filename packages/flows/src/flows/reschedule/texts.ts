import type { Locale } from "../../sessions/types.js";

/** The texts of the reschedule flow. */
export interface RescheduleTexts {
  askWhen(reference: string): string;
  badWhen: string;
  past: string;
  confirm(reference: string, when: string): string;
  yes: string;
  no: string;
  done(reference: string, when: string): string;
  kept(reference: string): string;
  nothing: string;
  tooLate(reference: string, status: string): string;
  unavailable: string;
  /** To the shop of an order its customer moved (`when` in words). */
  merchantMoved(reference: string, when: string): string;
}

const fr: RescheduleTexts = {
  askWhen: (reference) => `🗓️ Pour quand voulez-vous reporter *${reference}* ? (ex. : « demain à 10h », « jeudi 14h »)`,
  badWhen: "Je n'ai pas compris le jour et l'heure. Exemple : « demain à 10h » ou « jeudi 14h ».",
  past: "Cette heure est déjà passée. Donnez un jour et une heure à venir.",
  confirm: (reference, when) => `Reporter *${reference}* au *${when}* ?`,
  yes: "✅ Oui, reporter",
  no: "↩️ Non",
  done: (reference, when) => `🗓️ *${reference}* est reportée au *${when}*.`,
  kept: (reference) => `👍 *${reference}* garde son horaire.`,
  nothing: "Vous n'avez pas de course ni de commande en attente de retrait à reporter.",
  tooLate: (reference, status) => `⚠️ *${reference}* ne peut plus être reportée (${status}) : le colis est déjà parti.`,
  unavailable: "Le report n'est pas encore possible ici. Écrivez *aide* pour joindre un agent.",
  merchantMoved: (reference, when) =>
    `🗓️ Le client a reporté la commande ${reference} : livraison souhaitée le ${when}. Préparez-la pour cette heure-là.`,
};

const en: RescheduleTexts = {
  askWhen: (reference) => `🗓️ When should *${reference}* be picked up instead? (e.g. "demain à 10h", "jeudi 14h")`,
  badWhen: 'I did not understand the day and time. Example: "demain à 10h" or "jeudi 14h".',
  past: "That time has passed. Give a day and time ahead.",
  confirm: (reference, when) => `Move *${reference}* to *${when}*?`,
  yes: "✅ Yes, move it",
  no: "↩️ No",
  done: (reference, when) => `🗓️ *${reference}* is moved to *${when}*.`,
  kept: (reference) => `👍 *${reference}* keeps its time.`,
  nothing: "You have no delivery or order waiting for its pickup to move.",
  tooLate: (reference, status) => `⚠️ *${reference}* can no longer be moved (${status}): the parcel has left.`,
  unavailable: "Moving a pickup is not available here yet. Type *help* to reach an agent.",
  merchantMoved: (reference, when) =>
    `🗓️ The customer moved order ${reference}: delivery wanted on ${when}. Have it ready for then.`,
};

/** Reschedule texts per locale; Lingala users read the French ones. */
export const rescheduleTexts: Record<Locale, RescheduleTexts> = { fr, en, ln: fr };
