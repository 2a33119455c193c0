// The ways into the marketplace that are not the menu: a cart sent from a WhatsApp catalogue, the
// text of a shop's QR code ("COMMANDE boutique-42"), and the /commande command.
import type { Merchant, TokTokBackend } from "../../backend/types.js";
import type { FlowContext, FlowOpening } from "../../engine/types.js";
import { cartTexts } from "../../i18n/cart-texts.js";
import { formatXaf } from "../../i18n/format.js";
import type { UserInput } from "../../messaging/inbound.js";

/** The marketplace answers an entry fills (a subset of `MarketplaceData`, kept here to avoid an import circle). */
interface EntryData {
  categoryId: string;
  merchantId: string;
  cart: Array<{ productId: string; quantity: number }>;
}

type Cart = Extract<UserInput, { kind: "cart" }>;
type Opening = FlowOpening<EntryData> | undefined;

/** A QR code's prefilled text: `COMMANDE <merchant id>`. */
const QR = /^commande\s+([a-z0-9][a-z0-9_-]{0,63})$/i;
/** Conversational-automation command of the marketplace. */
const COMMAND = /^\/commande$/i;

/** The merchant whose Meta catalogue a cart came from. */
async function merchantOfCatalog(backend: TokTokBackend, catalogId: string): Promise<Merchant | undefined> {
  for (const category of await backend.catalogue.categories()) {
    const found = (await backend.catalogue.merchants(category.id)).find((m) => m.catalogId === catalogId);
    if (found) return found;
  }
  return undefined;
}

/**
 * A cart as the start of an order: each line read against the merchant's catalogue (by retailer id),
 * unknown products removed and named, a price that changed since the cart named with the new one;
 * the basket is then shown to confirm (or the address asked, without the basket step).
 */
async function fromCart(
  backend: TokTokBackend,
  cart: Cart,
  ctx: FlowContext<EntryData>,
  basket: boolean,
): Promise<Opening> {
  const texts = cartTexts[ctx.locale];
  const merchant = await merchantOfCatalog(backend, cart.catalogId);
  if (!merchant) return { say: texts.unknownCatalogue };
  const products = await backend.catalogue.products(merchant.id);
  const lines: EntryData["cart"] = [];
  const unknown: string[] = [];
  const changed: string[] = [];
  for (const item of cart.items) {
    const product = products.find((p) => (p.retailerId ?? p.id) === item.productRetailerId);
    if (!product) {
      unknown.push(item.productRetailerId);
      continue;
    }
    const same = lines.find((l) => l.productId === product.id);
    if (same) same.quantity += item.quantity;
    else lines.push({ productId: product.id, quantity: item.quantity });
    if (item.currency !== "XAF" || item.itemPrice !== product.price) {
      const before =
        item.currency === "XAF" ? formatXaf(item.itemPrice, ctx.locale) : `${item.itemPrice} ${item.currency}`;
      changed.push(texts.priceLine(product.name, before, formatXaf(product.price, ctx.locale)));
    }
  }
  const say = [
    ...(unknown.length > 0 ? [texts.unknownProducts(unknown.join(", "))] : []),
    ...(changed.length > 0 ? [texts.pricesChanged(changed.join("\n"))] : []),
  ].join("\n\n");
  const data: Partial<EntryData> = { categoryId: merchant.categoryId, merchantId: merchant.id };
  // Nothing left to order: choose from the shop instead.
  if (lines.length === 0) return { data, ...(say ? { say } : {}) };
  return { data: { ...data, cart: lines }, step: basket ? "more" : "address", ...(say ? { say } : {}) };
}

/** The marketplace's `opensWith`: carts, QR-code texts and `/commande`. */
export function marketplaceEntry(options: { backend: TokTokBackend; basket: boolean }) {
  const { backend, basket } = options;
  return async (input: UserInput, ctx: FlowContext<EntryData>): Promise<Opening> => {
    if (input.kind === "cart") return fromCart(backend, input, ctx, basket);
    if (input.kind !== "text") return undefined;
    const text = input.text.trim();
    if (COMMAND.test(text)) return {};
    const code = QR.exec(text)?.[1];
    if (code === undefined) return undefined;
    const merchant = await backend.catalogue.merchant(code.toLowerCase());
    // An unknown shop code is read like any text ("commande" still opens the marketplace by intent).
    if (!merchant) return undefined;
    return {
      data: { categoryId: merchant.categoryId, merchantId: merchant.id },
      say: cartTexts[ctx.locale].shopOpened(merchant.name),
    };
  };
}
