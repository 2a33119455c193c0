import { z } from "zod";
import type { Place, TokTokBackend } from "../../backend/types.js";
import type { PaymentMethod } from "../../domain.js";
import { defineFlow, END, type Flow, type FlowContext, type Step } from "../../engine/types.js";
import type { Catalogue } from "../../i18n/catalogue-type.js";
import { formatXaf } from "../../i18n/format.js";
import type { UserInput } from "../../messaging/inbound.js";
import { encodePayload, payloadValue } from "../../messaging/payloads.js";
import { clip } from "../../messaging/reply.js";
import type { Notifier } from "../../notifications/types.js";
import type { MobileMoneyPayments } from "../../payments/mobile-money.js";
import type { Locale } from "../../sessions/types.js";
import { parseOptions } from "../../validate-options.js";
import { isYes, pickOption } from "../shared/choice.js";
import { mobileMoneySteps, paymentChoice } from "../shared/mobile-money-steps.js";
import { describePlace, placeParser } from "../shared/place.js";
import { marketplaceEntry } from "./marketplace-entry.js";
import { type OrderMentions, orderMentions } from "./marketplace-extract.js";
import { productShowcase } from "./product-showcase.js";

/** What the marketplace flow collects. */
export interface MarketplaceData {
  categoryId: string;
  merchantId: string;
  productId: string;
  quantity: number;
  /** Lines already in the basket (one merchant per order). */
  cart: CartLine[];
  address: Place;
  payment: PaymentMethod;
  /** The number paying by Mobile Money (national digits), when `payment` is not cash. */
  payer: string;
  /** The Mobile Money payment the order waits for. */
  paymentId: string;
  /** The provider's transaction id once paid (else `paymentId`), see `PayingData`. */
  paymentReference: string;
}

/** One basket line. */
export interface CartLine {
  productId: string;
  quantity: number;
}

/** Options of {@link marketplaceFlow}. */
export interface MarketplaceFlowOptions {
  backend: TokTokBackend;
  /** Tells the merchant about the new order. */
  notifier?: Pick<Notifier, "notifyOrderStatus">;
  /** Offer "➕ Autre produit" after each quantity, for several products in one order. Default false. */
  basket?: boolean;
  /**
   * Product pictures sent before the product list (WhatsApp lists cannot hold images) for a shop not
   * synced to a Meta catalogue; a synced one is shown as a product-list message instead. Default 3.
   */
  maxImages?: number;
  /**
   * The Meta catalogue connected to the bot's WhatsApp number. A shop selling from it with more products
   * than one product list holds (30) is shown as a catalogue message ("View catalog", every product).
   */
  whatsappCatalogId?: string;
  /**
   * Collects MTN MoMo and Airtel Money payments (`@toktok/payments`' `PaymentCollector` fits). Without it,
   * the payment method is only recorded on the order; with it, the order waits until the payment succeeds.
   */
  payments?: MobileMoneyPayments;
}

// The flow's settings and their defaults; the backend, notifier and payment port are the caller's objects,
// used as given.
const settingsSchema = z.object({
  basket: z.boolean().default(false),
  maxImages: z.number().int().nonnegative().default(3),
});

/** "• 2 × Poulet braisé — 7 000 FCFA" lines of a basket. */
async function describeBasket(
  backend: TokTokBackend,
  lines: CartLine[],
  t: Catalogue,
  locale: Locale,
): Promise<string> {
  const described = await Promise.all(
    lines.map(async (l) => {
      const p = await backend.catalogue.product(l.productId);
      return `• ${t.marketplace.line(l.quantity, p?.name ?? l.productId, formatXaf((p?.price ?? 0) * l.quantity, locale))}`;
    }),
  );
  return described.join("\n");
}

/** Sum of the basket at catalogue prices, XAF (the backend prices the order itself). */
async function basketTotal(backend: TokTokBackend, lines: CartLine[]): Promise<number> {
  const prices = await Promise.all(
    lines.map(async (l) => ((await backend.catalogue.product(l.productId))?.price ?? 0) * l.quantity),
  );
  return prices.reduce((a, b) => a + b, 0);
}

/** The basket: saved lines plus the product being chosen, if its quantity is known. */
function basket(data: Partial<MarketplaceData>): CartLine[] {
  const lines = [...(data.cart ?? [])];
  if (data.productId && data.quantity) lines.push({ productId: data.productId, quantity: data.quantity });
  return lines;
}

/**
 * The marketplace order: category → merchant → product (with picture and price) → quantity
 * (→ another product from the same shop, with `basket: true`) → delivery address → payment → recap → order (`CMD-20261121-004`).
 */
export function marketplaceFlow(options: MarketplaceFlowOptions): Flow {
  const { backend, notifier } = options;
  const { maxImages, basket: basketEnabled } = parseOptions(settingsSchema, options);
  const orderTotal = async (data: Partial<MarketplaceData>): Promise<number> => {
    const merchant = await backend.catalogue.merchant(data.merchantId ?? "");
    return (await basketTotal(backend, basket(data))) + (merchant?.deliveryFee ?? 0);
  };
  const momo = options.payments
    ? mobileMoneySteps<MarketplaceData>({
        payments: options.payments,
        amount: orderTotal,
        description: async (data) =>
          `TokTok — ${(await backend.catalogue.merchant(data.merchantId ?? ""))?.name ?? ""}`,
        after: "confirm",
        held: (t) => t.marketplace,
        // The payment belongs to the shop's company in the analytics (the app reads `merchantId`).
        metadata: (data): Record<string, string> => (data.merchantId ? { merchantId: data.merchantId } : {}),
      })
    : undefined;
  const moreStep: Step<MarketplaceData> = {
    id: "more",
    progress: false,
    prompt: async ({ t, data, locale }) => ({
      type: "buttons",
      body: t.marketplace.askMore(await describeBasket(backend, basket(data), t, locale)),
      buttons: [
        { id: encodePayload("shop", "more"), title: t.marketplace.more },
        { id: encodePayload("shop", "checkout"), title: t.marketplace.checkout },
      ],
    }),
    parse: (input, ctx) => {
      const picked = pickOption(input, "shop", [
        { id: "more", title: ctx.t.marketplace.more },
        { id: "checkout", title: ctx.t.marketplace.checkout },
      ]);
      const more = picked === "more";
      if (!more && picked !== "checkout" && !isYes(input, encodePayload("shop", "checkout"))) {
        return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
      }
      // The product just chosen moves into the basket; "more" asks for the next one.
      const set = { cart: basket(ctx.data) };
      return more
        ? { ok: true, set, clear: ["productId", "quantity"], goto: "product" }
        : { ok: true, set, clear: ["productId", "quantity"] };
    },
  };
  // "Chez Mama Ngudi, un poulet braisé": a step's answer said among other words is still its answer.
  const mentions = orderMentions(backend);
  const named = async (input: UserInput, ctx: FlowContext<MarketplaceData>): Promise<OrderMentions> =>
    input.kind === "text" ? mentions.extract(input.text, ctx) : {};
  return defineFlow<MarketplaceData>({
    id: "marketplace",
    menuTitle: (t) => t.marketplace.menuTitle,
    menuDescription: (t) => t.marketplace.menuDescription,
    intents: ["marketplace"],
    opensWith: marketplaceEntry({ backend, basket: basketEnabled }),
    ...mentions,
    steps: [
      {
        id: "category",
        fills: ["categoryId"],
        prompt: async ({ t }) => {
          const categories = await backend.catalogue.categories();
          return {
            type: "list",
            body: t.marketplace.askCategory,
            button: t.marketplace.categoriesButton,
            sections: [
              {
                rows: categories
                  .slice(0, 10)
                  .map((c) => ({ id: encodePayload("cat", c.id), title: clip(`${c.emoji} ${c.name}`, 24) })),
              },
            ],
          };
        },
        parse: async (input, ctx) => {
          const categories = await backend.catalogue.categories();
          const id =
            pickOption(
              input,
              "cat",
              categories.map((c) => ({ id: c.id, title: c.name })),
            ) ?? (await named(input, ctx)).categoryId;
          if (!id) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          if ((await backend.catalogue.merchants(id)).length === 0)
            return { ok: false, error: ctx.t.marketplace.noMerchant };
          // A new category invalidates what was picked inside the previous one.
          return { ok: true, set: { categoryId: id }, clear: ["merchantId", "productId", "quantity", "cart"] };
        },
      },
      {
        id: "merchant",
        fills: ["merchantId"],
        prompt: async ({ t, data }) => {
          const categories = await backend.catalogue.categories();
          const category = categories.find((c) => c.id === data.categoryId);
          const merchants = await backend.catalogue.merchants(data.categoryId ?? "");
          return {
            type: "list",
            body: t.marketplace.askMerchant(category?.name ?? ""),
            button: t.marketplace.merchantsButton,
            sections: [
              {
                rows: merchants.slice(0, 10).map((m) => ({
                  id: encodePayload("shop", m.id),
                  title: clip(m.name, 24),
                  description: clip(m.address, 72),
                })),
              },
            ],
          };
        },
        parse: async (input, ctx) => {
          const merchants = await backend.catalogue.merchants(ctx.data.categoryId ?? "");
          const id =
            pickOption(
              input,
              "shop",
              merchants.map((m) => ({ id: m.id, title: m.name })),
            ) ?? (await named(input, ctx)).merchantId;
          if (!id || !merchants.some((m) => m.id === id))
            return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          // One merchant per order: a new shop starts a new basket.
          return { ok: true, set: { merchantId: id }, clear: ["productId", "quantity", "cart"] };
        },
      },
      {
        id: "product",
        fills: ["productId"],
        prompt: async ({ t, data, locale }) => {
          const merchant = await backend.catalogue.merchant(data.merchantId ?? "");
          const products = await backend.catalogue.products(data.merchantId ?? "");
          return [
            ...productShowcase(merchant, products, {
              t,
              locale,
              maxImages,
              connectedCatalogId: options.whatsappCatalogId,
            }),
            {
              type: "list",
              body: t.marketplace.askProduct(merchant?.name ?? ""),
              button: t.marketplace.productsButton,
              sections: [
                {
                  rows: products.slice(0, 10).map((p) => ({
                    id: encodePayload("prod", p.id),
                    title: clip(p.name, 24),
                    description: formatXaf(p.price, locale),
                  })),
                },
              ],
            },
          ];
        },
        parse: async (input, ctx) => {
          const products = await backend.catalogue.products(ctx.data.merchantId ?? "");
          const id =
            pickOption(
              input,
              "prod",
              products.map((p) => ({ id: p.id, title: p.name })),
            ) ?? (await named(input, ctx)).productId;
          if (!id) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          return { ok: true, set: { productId: id }, clear: ["quantity"] };
        },
      },
      {
        id: "quantity",
        fills: ["quantity"],
        prompt: async ({ t, data, locale }) => {
          const product = await backend.catalogue.product(data.productId ?? "");
          return {
            type: "buttons",
            body: t.marketplace.askQuantity(product?.name ?? "", formatXaf(product?.price ?? 0, locale)),
            buttons: [1, 2, 3].map((n) => ({ id: encodePayload("qty", n), title: String(n) })),
          };
        },
        parse: async (input, ctx) => {
          const raw =
            input.kind === "choice"
              ? payloadValue(input.id, "qty")
              : input.kind === "text"
                ? /^\s*\d{1,3}\s*$/.test(input.text)
                  ? Number(input.text)
                  : await ctx.nlu.parseAmount(input.text)
                : undefined;
          if (raw === undefined || !Number.isInteger(raw) || raw < 1 || raw > 20) {
            return { ok: false, error: ctx.nlu.explain("quantity", ctx.locale) };
          }
          return { ok: true, set: { quantity: raw } };
        },
      },
      ...(basketEnabled ? [moreStep] : []),
      {
        id: "address",
        fills: ["address"],
        prompt: ({ t }) => ({ type: "location_request", body: t.marketplace.askAddress }),
        parse: placeParser<MarketplaceData>("address"),
      },
      {
        id: "payment",
        fills: ["payment"],
        prompt: ({ t }) => paymentChoice.prompt(t, t.marketplace.askPayment),
        parse: async (input, ctx) => {
          const picked = pickOption(input, "pay", paymentChoice.rows(ctx.t)) ?? (await named(input, ctx)).payment;
          if (!picked) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          return { ok: true, set: { payment: picked }, clear: ["payer"] };
        },
        // With a payment port, Mobile Money asks which number pays; cash goes straight to the recap.
        next: (data) => (momo && data.payment !== "cash" ? "payer" : "confirm"),
      },
      ...(momo ? [momo.payer, momo.payerOperator] : []),
      {
        id: "confirm",
        progress: false,
        prompt: async ({ t, data, locale }) => {
          const merchant = await backend.catalogue.merchant(data.merchantId ?? "");
          const lines = basket(data);
          const subtotal = await basketTotal(backend, lines);
          const fee = merchant?.deliveryFee ?? 0;
          return {
            type: "buttons",
            body: t.marketplace.recap({
              merchant: merchant?.name ?? "",
              lines: await describeBasket(backend, lines, t, locale),
              fee: formatXaf(fee, locale),
              total: formatXaf(subtotal + fee, locale),
              address: describePlace(data.address, t),
              payment: t.marketplace.payment[data.payment ?? "cash"],
            }),
            buttons: [
              { id: encodePayload("shop", "confirm"), title: t.common.confirm },
              { id: encodePayload("cmd", "cancel"), title: t.common.cancel },
            ],
          };
        },
        parse: (input, ctx) => {
          if (!isYes(input, encodePayload("shop", "confirm"))) {
            return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          }
          // Mobile Money: the order is held until the payment succeeds.
          return momo && ctx.data.payment !== "cash" ? momo.start(ctx) : { ok: true, goto: END };
        },
      },
      ...(momo ? [momo.awaiting, momo.failed] : []),
    ],
    complete: async (ctx) => {
      const d = ctx.data;
      // A paid order is created once per payment, whatever message completes the flow.
      const paid = d.payment !== "cash" && d.paymentId !== undefined;
      const order = await backend.orders.create(
        {
          clientPhone: ctx.userId,
          merchantId: d.merchantId ?? "",
          items: basket(d),
          address: d.address ?? {},
          payment: d.payment ?? "cash",
          // Paid before it exists: the order names its payment (the provider's transaction id when known),
          // so its delivery is marked paid (nothing to collect).
          ...(paid ? { paymentReference: d.paymentReference ?? d.paymentId } : {}),
        },
        { idempotencyKey: paid ? `payment:${d.paymentId}` : ctx.messageId },
      );
      // The order exists either way; the notifier logs a failed notification itself.
      await notifier?.notifyOrderStatus(order, "pending").catch(() => undefined);
      return {
        replies: [
          { type: "text", body: ctx.t.marketplace.created(order.reference, formatXaf(order.total, ctx.locale)) },
        ],
        conversion: {
          type: "order",
          value: order.total,
          // The merchant (entreprise) the order belongs to: the bot scopes its analytics per company.
          metadata: { reference: order.reference, merchantId: order.merchantId, payment: order.payment },
        },
      };
    },
  });
}
