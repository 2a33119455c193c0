// What the customer sees of a shop before picking a product. A shop synced to a Meta catalogue
// (`Merchant.catalogId`) is shown as a product-list message, from which WhatsApp lets them build a
// cart (it comes back as an `order`, read by the marketplace's entry). A product list holds 30
// products: a bigger shop selling from the catalogue connected to the bot's number is shown as a
// catalogue message instead ("View catalog": every product; WhatsApp's catalogue message can only
// open that connected catalogue, so a shop synced to another one keeps its first 30 in a list).
// Any other shop is shown as pictures, since chat lists cannot hold images. The chat list that
// follows stays the way to answer in every case.
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
  view: { t: Catalogue; locale: Locale; maxImages: number; connectedCatalogId?: string | undefined },
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
  // Without product messages: the same products, named and priced, in one text.
  const fallback = [`*${merchant.name}*`, ...shown.map((p) => `• ${p.name} — ${formatXaf(p.price, locale)}`)].join(
    "\n",
  );
  const [first] = shown;
  if (first && products.length > MAX_LIST_PRODUCTS && merchant.catalogId === view.connectedCatalogId) {
    return [{ type: "catalog", catalog: { body, thumbnailProductRetailerId: first.retailerId ?? first.id }, fallback }];
  }
  return [
    {
      type: "product_list",
      list: {
        catalogId: merchant.catalogId,
        header: clip(merchant.name, 60),
        body,
        sections: [{ productRetailerIds: shown.map((p) => p.retailerId ?? p.id) }],
      },
      fallback,
    },
  ];
}
