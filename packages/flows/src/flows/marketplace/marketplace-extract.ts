import type { TokTokBackend } from "../../backend/types.js";
import type { PaymentMethod } from "../../domain.js";
import { normalizeWords } from "../../engine/commands.js";
import type { FlowContext } from "../../engine/types.js";
import { formatXaf } from "../../i18n/format.js";

/** The fields of an order one message can name before their step (see `marketplaceFlow`). */
export interface OrderMentions {
  categoryId?: string;
  merchantId?: string;
  productId?: string;
  payment?: PaymentMethod;
}

// How Brazzaville asks for a category without naming it, by the seeded category ids (accents and
// case folded as normalizeWords does). A category is also found by its own name.
const categoryWords: Record<string, readonly string[]> = {
  restaurants: ["manger", "repas", "plat", "nourriture", "restaurant", "resto", "dejeuner", "diner"],
  epicerie: ["courses", "provisions", "epicerie"],
  pharmacie: ["medicament", "medicaments", "pharmacie"],
};
const paymentWords: ReadonlyArray<[PaymentMethod, RegExp]> = [
  ["mtn_momo", /\b(momo|mtn)\b/],
  ["airtel_money", /\bairtel\b/],
  ["cash", /\b(especes|cash|liquide)\b/],
];

/** True when `name` (folded) appears in `text` (folded) as whole words. */
const mentions = (text: string, name: string): boolean => {
  const n = normalizeWords(name);
  return n.length >= 3 && ` ${text} `.includes(` ${n} `);
};

/**
 * Reads the order fields a message names ahead of their step — "je veux commander à manger" (the
 * restaurants), a shop or a dish by its name, "je paie en MoMo" — against the backend's catalogue,
 * and says them back for the confirmation.
 */
export function orderMentions(backend: TokTokBackend) {
  return {
    async extract(text: string, ctx: FlowContext<Partial<OrderMentions>>): Promise<OrderMentions> {
      const folded = normalizeWords(text);
      const found: OrderMentions = {};
      const categories = await backend.catalogue.categories();
      const category = categories.find(
        (c) => mentions(folded, c.name) || (categoryWords[c.id] ?? []).some((w) => mentions(folded, w)),
      );
      if (category) found.categoryId = category.id;
      const categoryId = ctx.data.categoryId ?? found.categoryId;
      const shops = categoryId
        ? await backend.catalogue.merchants(categoryId)
        : (await Promise.all(categories.map((c) => backend.catalogue.merchants(c.id)))).flat();
      const shop = shops.find((m) => mentions(folded, m.name));
      if (shop) {
        found.merchantId = shop.id;
        found.categoryId ??= shop.categoryId;
      }
      const merchantId = ctx.data.merchantId ?? found.merchantId;
      if (merchantId) {
        const product = (await backend.catalogue.products(merchantId)).find((p) => mentions(folded, p.name));
        if (product) found.productId = product.id;
      }
      const payment = paymentWords.find(([, pattern]) => pattern.test(folded));
      if (payment) found.payment = payment[0];
      return found;
    },
    async noted(fields: Partial<OrderMentions>, ctx: FlowContext<Partial<OrderMentions>>): Promise<string[]> {
      const { t, locale } = ctx;
      const lines: string[] = [];
      if (fields.categoryId) {
        const c = (await backend.catalogue.categories()).find((x) => x.id === fields.categoryId);
        if (c) lines.push(`${c.emoji} ${c.name}`);
      }
      if (fields.merchantId) {
        const m = await backend.catalogue.merchant(fields.merchantId);
        if (m) lines.push(`🏪 ${m.name}`);
      }
      if (fields.productId) {
        const p = await backend.catalogue.product(fields.productId);
        if (p) lines.push(`${p.name} — ${formatXaf(p.price, locale)}`);
      }
      if (fields.payment) lines.push(t.marketplace.payment[fields.payment]);
      return lines;
    },
  };
}
