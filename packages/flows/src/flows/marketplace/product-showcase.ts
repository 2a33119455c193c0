// What the customer sees of a shop before picking a product. A shop synced to a Meta catalogue
// (`Merchant.catalogId`) is shown as a product-list message, from which WhatsApp lets them build a
// cart (it comes back as an `order`, read by the marketplace's entry); any other shop as pictures,
// since chat lists cannot hold images. The chat list that follows both stays the way to answer.
import type { Merchant, Product } from "../../backend/types.js";
import type { Catalogue } from "../../i18n/catalogue-type.js";
import { formatXaf } from "../../i18n/format.js";
import { MAX_LIST_PRODUCTS } from "../../messaging/messenger.js";
import { clip, type Reply } from "../../messaging/reply.js";
import type { Locale } from "../../sessions/types.js";

/** The replies showing `products` of `merchant` before the product question. */
export function productShowcase(
  merchant: Merchant | undefined,
  products: readonly Product[],
  view: { t: Catalogue; locale: Locale; maxImages: number },
): Reply[] {
  const { t, locale } = view;
  if (merchant?.catalogId === undefined || products.length === 0) {
    return products.slice(0, view.maxImages).map((p) => ({
      type: "image",
      link: p.imageUrl,
      caption: t.marketplace.productCaption(p.name, formatXaf(p.price, locale)),
    }));
  }
  const shown = products.slice(0, MAX_LIST_PRODUCTS);
  const body = t.marketplace.catalogueBody;
  return [
    {
      type: "product_list",
      list: {
        catalogId: merchant.catalogId,
        header: clip(merchant.name, 60),
        body,
        sections: [{ productRetailerIds: shown.map((p) => p.retailerId ?? p.id) }],
      },
      // Without product messages: the same products, named and priced, in one text.
      fallback: [`*${merchant.name}*`, ...shown.map((p) => `• ${p.name} — ${formatXaf(p.price, locale)}`)].join("\n"),
    },
  ];
}
