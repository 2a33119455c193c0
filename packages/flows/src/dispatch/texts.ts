import type { Locale } from "../sessions/types.js";

/** The messages dispatch sends to drivers and customers. */
export interface DispatchTexts {
  offer(reference: string, pickup: string, destination: string, km: string, price: string): string;
  /** The offer's button: opens the driver's missions on this one. */
  viewButton: string;
  /** The customer's ETA line, under the driver's pin. */
  eta(name: string, minutes: number, at: string): string;
  driverPin: string;
  /** "Où est mon colis": when the driver's position was last seen. */
  seenAt(at: string): string;
  lateReason: string;
  history(lines: string[]): string;
  historyEmpty: string;
  earnings(count: number, total: string): string;
}

const fr: DispatchTexts = {
  offer: (reference, pickup, destination, km, price) =>
    `🛵 Nouvelle course ${reference} à ${km} de vous\n📍 ${pickup} → ${destination}\n💰 ${price}`,
  viewButton: "Voir la course",
  eta: (name, minutes, at) => `🛵 ${name} arrive : environ ${minutes} min (vers ${at}).`,
  driverPin: "Votre livreur",
  seenAt: (at) => `📍 Dernière position connue du livreur : ${at}.`,
  lateReason: "trafic ou attente au départ",
  history: (lines) => `📋 Vos dernières courses :\n${lines.join("\n")}`,
  historyEmpty: "📋 Aucune course pour l'instant.",
  earnings: (count, total) => `💰 Aujourd'hui : ${count} course(s) livrée(s), ${total}.`,
};

const en: DispatchTexts = {
  offer: (reference, pickup, destination, km, price) =>
    `🛵 New job ${reference}, ${km} away\n📍 ${pickup} → ${destination}\n💰 ${price}`,
  viewButton: "See the job",
  eta: (name, minutes, at) => `🛵 ${name} is on the way: about ${minutes} min (around ${at}).`,
  driverPin: "Your driver",
  seenAt: (at) => `📍 Driver's last known position: ${at}.`,
  lateReason: "traffic or a wait at pickup",
  history: (lines) => `📋 Your latest jobs:\n${lines.join("\n")}`,
  historyEmpty: "📋 No jobs yet.",
  earnings: (count, total) => `💰 Today: ${count} job(s) delivered, ${total}.`,
};

/** Dispatch texts per locale; Lingala users read the French ones, as for the notifier. */
export const dispatchTexts: Record<Locale, DispatchTexts> = { fr, en, ln: fr };
