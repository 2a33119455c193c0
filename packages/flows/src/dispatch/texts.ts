import type { Locale } from "../sessions/types.js";

/** The messages dispatch sends to drivers and customers. */
export interface DispatchTexts {
  /** `km` is absent when the driver's distance is unknown (no position shared, or an address pickup). */
  offer(reference: string, pickup: string, destination: string, price: string, km?: string): string;
  /** The offer's button: opens the driver's missions on this one. */
  viewButton: string;
  /** The customer's ETA line, under the driver's pin. */
  eta(name: string, minutes: number, at: string): string;
  driverPin: string;
  /** To the driver of a mission the customer cancelled. */
  cancelledForDriver(reference: string): string;
  /** To the driver of a mission the customer moved to a new pickup time (`when` in words). */
  rescheduledForDriver(reference: string, when: string): string;
  /** The customer's reminder of a rescheduled pickup, inside the 24-hour window (`when` in words). */
  reminder(reference: string, when: string, place: string): string;
  /** "Où est mon colis": when the driver's position was last seen. */
  seenAt(at: string): string;
  lateReason: string;
  /** The driver's proof question at delivery. */
  askProof(reference: string): string;
  badProof: string;
  /** Sent to the parcel's recipient once the parcel is on its way. */
  recipientCode(reference: string, code: string): string;
  /** Sent to the customer too, so a delivery is never blocked by a code that did not reach the recipient. */
  customerCode(reference: string, recipient: string, code: string): string;
  history(lines: string[]): string;
  historyEmpty: string;
  earnings(count: number, total: string): string;
}

const fr: DispatchTexts = {
  offer: (reference, pickup, destination, price, km) =>
    `🛵 Nouvelle course ${reference}${km ? ` à ${km} de vous` : ""}\n📍 ${pickup} → ${destination}\n💰 ${price}`,
  viewButton: "Voir la course",
  eta: (name, minutes, at) => `🛵 ${name} arrive : environ ${minutes} min (vers ${at}).`,
  driverPin: "Votre livreur",
  cancelledForDriver: (reference) => `❌ La course ${reference} a été annulée par le client. Ne vous déplacez pas.`,
  rescheduledForDriver: (reference, when) => `🗓️ Le client a reporté la course ${reference} : retrait le ${when}.`,
  reminder: (reference, when, place) =>
    `⏰ Rappel : le retrait de votre course ${reference} est prévu le ${when}, ${place}. Tapez *reporter* pour la déplacer.`,
  seenAt: (at) => `📍 Dernière position connue du livreur : ${at}.`,
  lateReason: "trafic ou attente au départ",
  askProof: (reference) =>
    `🔐 Preuve de livraison de ${reference} : tapez le code à 4 chiffres du destinataire, ou envoyez une photo du colis remis.`,
  badProof:
    "❌ Ce n'est pas le bon code. Demandez au destinataire le code reçu par WhatsApp, ou envoyez une photo du colis.",
  recipientCode: (reference, code) =>
    `🔐 Votre colis ${reference} arrive. Code de livraison : *${code}*. Donnez-le au livreur à la remise, pas avant.`,
  customerCode: (reference, recipient, code) =>
    `🔐 Code de livraison de ${reference} : *${code}*. ${recipient} l'a reçu aussi ; sinon, transmettez-le-lui pour la remise.`,
  history: (lines) => `📋 Vos dernières courses :\n${lines.join("\n")}`,
  historyEmpty: "📋 Aucune course pour l'instant.",
  earnings: (count, total) => `💰 Aujourd'hui : ${count} course(s) livrée(s), ${total}.`,
};

const en: DispatchTexts = {
  offer: (reference, pickup, destination, price, km) =>
    `🛵 New job ${reference}${km ? `, ${km} away` : ""}\n📍 ${pickup} → ${destination}\n💰 ${price}`,
  viewButton: "See the job",
  eta: (name, minutes, at) => `🛵 ${name} is on the way: about ${minutes} min (around ${at}).`,
  driverPin: "Your driver",
  cancelledForDriver: (reference) => `❌ Job ${reference} was cancelled by the customer. Do not go.`,
  rescheduledForDriver: (reference, when) => `🗓️ The customer moved job ${reference}: pickup on ${when}.`,
  reminder: (reference, when, place) =>
    `⏰ Reminder: the pickup of your job ${reference} is planned on ${when}, ${place}. Type *reschedule* to move it.`,
  seenAt: (at) => `📍 Driver's last known position: ${at}.`,
  lateReason: "traffic or a wait at pickup",
  askProof: (reference) =>
    `🔐 Proof of delivery for ${reference}: type the recipient's 4-digit code, or send a photo of the parcel handed over.`,
  badProof:
    "❌ That is not the right code. Ask the recipient for the code they got on WhatsApp, or send a photo of the parcel.",
  recipientCode: (reference, code) =>
    `🔐 Your parcel ${reference} is on its way. Delivery code: *${code}*. Give it to the driver on delivery, not before.`,
  customerCode: (reference, recipient, code) =>
    `🔐 Delivery code of ${reference}: *${code}*. ${recipient} got it too; if not, pass it on for the handover.`,
  history: (lines) => `📋 Your latest jobs:\n${lines.join("\n")}`,
  historyEmpty: "📋 No jobs yet.",
  earnings: (count, total) => `💰 Today: ${count} job(s) delivered, ${total}.`,
};

/** Dispatch texts per locale; Lingala users read the French ones, as for the notifier. */
export const dispatchTexts: Record<Locale, DispatchTexts> = { fr, en, ln: fr };
