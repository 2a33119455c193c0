import type { Locale } from "../sessions/types.js";

/** The messages dispatch sends to drivers and customers. */
export interface DispatchTexts {
  offer(reference: string, pickup: string, destination: string, km: string, price: string): string;
  acceptButton: string;
  declineButton: string;
  assigned(reference: string, pickup: string): string;
  taken(reference: string): string;
  online: string;
  offline: string;
  located: string;
  /** The customer's ETA line, under the driver's pin. */
  eta(name: string, minutes: number, at: string): string;
  driverPin: string;
  lateReason: string;
  history(lines: string[]): string;
  historyEmpty: string;
  earnings(count: number, total: string): string;
}

const fr: DispatchTexts = {
  offer: (reference, pickup, destination, km, price) =>
    `🛵 Nouvelle course ${reference} à ${km} de vous\n📍 ${pickup} → ${destination}\n💰 ${price}`,
  acceptButton: "Accepter",
  declineButton: "Refuser",
  assigned: (reference, pickup) => `✅ Course ${reference} à vous. Rendez-vous à ${pickup}.`,
  taken: (reference) => `⏱️ La course ${reference} a déjà été prise par un autre livreur.`,
  online: "🟢 Vous êtes en ligne : les courses proches vous seront proposées. Partagez votre position 📍.",
  offline: "⚪ Vous êtes hors ligne : plus aucune course ne vous sera proposée.",
  located: "📍 Position enregistrée.",
  eta: (name, minutes, at) => `🛵 ${name} arrive : environ ${minutes} min (vers ${at}).`,
  driverPin: "Votre livreur",
  lateReason: "trafic ou attente au départ",
  history: (lines) => `📋 Vos dernières courses :\n${lines.join("\n")}`,
  historyEmpty: "📋 Aucune course pour l'instant.",
  earnings: (count, total) => `💰 Aujourd'hui : ${count} course(s) livrée(s), ${total}.`,
};

const en: DispatchTexts = {
  offer: (reference, pickup, destination, km, price) =>
    `🛵 New job ${reference}, ${km} away\n📍 ${pickup} → ${destination}\n💰 ${price}`,
  acceptButton: "Accept",
  declineButton: "Decline",
  assigned: (reference, pickup) => `✅ Job ${reference} is yours. Head to ${pickup}.`,
  taken: (reference) => `⏱️ Job ${reference} was already taken by another driver.`,
  online: "🟢 You are online: nearby jobs will be offered to you. Share your location 📍.",
  offline: "⚪ You are offline: no more jobs will be offered to you.",
  located: "📍 Location saved.",
  eta: (name, minutes, at) => `🛵 ${name} is on the way: about ${minutes} min (around ${at}).`,
  driverPin: "Your driver",
  lateReason: "traffic or a wait at pickup",
  history: (lines) => `📋 Your latest jobs:\n${lines.join("\n")}`,
  historyEmpty: "📋 No jobs yet.",
  earnings: (count, total) => `💰 Today: ${count} job(s) delivered, ${total}.`,
};

/** Dispatch texts per locale; Lingala users read the French ones, as for the notifier. */
export const dispatchTexts: Record<Locale, DispatchTexts> = { fr, en, ln: fr };
