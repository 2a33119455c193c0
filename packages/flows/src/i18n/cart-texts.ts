import type { Locale } from "../sessions/types.js";

/** What the bot says of a catalogue cart and of a shop's QR code. */
export interface CartTexts {
  unknownCatalogue: string;
  unknownProducts(names: string): string;
  pricesChanged(lines: string): string;
  priceLine(name: string, before: string, now: string): string;
  shopOpened(shop: string): string;
}

const fr: CartTexts = {
  unknownCatalogue: "Ce panier vient d'un catalogue que nous ne connaissons pas : choisissez la boutique ci-dessous.",
  unknownProducts: (names) => `Ces articles ne sont plus en vente et ont été retirés : ${names}.`,
  pricesChanged: (lines) => `⚠️ Le prix a changé depuis votre panier :\n${lines}\nVérifiez le total avant de valider.`,
  priceLine: (name, before, now) => `• ${name} : ${before} → ${now}`,
  shopOpened: (shop) => `🛍️ ${shop}`,
};

const en: CartTexts = {
  unknownCatalogue: "This cart comes from a catalogue we do not know: pick the shop below.",
  unknownProducts: (names) => `These items are no longer sold and were removed: ${names}.`,
  pricesChanged: (lines) => `⚠️ Prices changed since your cart:\n${lines}\nCheck the total before confirming.`,
  priceLine: (name, before, now) => `• ${name}: ${before} → ${now}`,
  shopOpened: (shop) => `🛍️ ${shop}`,
};

/** By locale; Lingala users read the French texts, as for the notifications. */
export const cartTexts: Record<Locale, CartTexts> = { fr, en, ln: fr };
