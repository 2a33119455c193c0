import type { Merchant, TokTokBackend } from "@toktok/flows";
import type { WebhookSigner } from "../simulator/webhook-signer.ts";

/** The cart a `/panier` line sends: what the WhatsApp catalogue's "Envoyer au vendeur" carries. */
export type DemoCart = Parameters<WebhookSigner["cart"]>[1];

/** What `/panier` alone puts in the cart: enough to show quantities and a total. */
const DEFAULT_LINES = ["riz-5kg:2", "huile-1l:1"];

/** `produit:quantité` (also `produit×2`, `produit*2`, or a bare `produit` for one). */
const LINE = /^([\w-]+)(?:[:×x*](\d{1,2}))?$/i;

/** The shop whose products are in the number's WhatsApp catalogue (the one a cart can come from). */
async function catalogueShop(backend: TokTokBackend): Promise<Merchant & { catalogId: string }> {
  for (const category of await backend.catalogue.categories()) {
    for (const merchant of await backend.catalogue.merchants(category.id)) {
      if (merchant.catalogId !== undefined) return { ...merchant, catalogId: merchant.catalogId };
    }
  }
  throw new Error("aucune boutique n'a de catalogue WhatsApp dans cette démo (WHATSAPP_CATALOG_ID)");
}

/**
 * Builds the cart of a `/panier [produit:quantité …]` line from the demo's catalogue shop, at its
 * current prices — as a customer's phone would send it after browsing the catalogue in WhatsApp.
 * Throws, naming the products there are, when a product is not in that shop.
 */
export async function demoCart(backend: TokTokBackend, words: readonly string[]): Promise<DemoCart> {
  const shop = await catalogueShop(backend);
  const products = await backend.catalogue.products(shop.id);
  const lines = words.filter((w) => w.length > 0);
  const items = (lines.length > 0 ? lines : DEFAULT_LINES).map((word) => {
    const match = LINE.exec(word);
    const product = products.find((p) => p.id === match?.[1]?.toLowerCase());
    if (!match || !product) {
      throw new Error(
        `« ${word} » : produits de ${shop.name} : ${products.map((p) => p.id).join(", ")} (ex. /panier riz-5kg:2)`,
      );
    }
    return {
      productRetailerId: product.retailerId ?? product.id,
      quantity: Number(match[2] ?? 1),
      itemPrice: product.price,
    };
  });
  return { catalogId: shop.catalogId, items };
}
