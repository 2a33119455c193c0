import { z } from "zod";
import { interactiveBody, requireSectionTitles } from "./schemas.js";
import { defined, interactive, type WireObject } from "./wire.js";

// Product, multi-product and catalogue messages (interactive `product`,
// `product_list`, `catalog_message`), with the limits of Meta's "Share
// products with customers" guide and the v23.0 OpenAPI description: a
// multi-product message has a text header, 1–10 sections, at least one
// product per section and at most 30 products in all; a section title (≤ 24
// characters) is required once there are several sections.

/** A single product from a Meta catalogue connected to the business account. */
export interface ProductContent {
  /** Id of the Meta catalogue (Commerce Manager). */
  catalogId: string;
  /** The product's retailer id (its SKU, "Content ID" in Commerce Manager). */
  productRetailerId: string;
  /** Optional text above the product, at most 1024 characters. */
  body?: string;
  /** Optional footer, at most 60 characters. */
  footer?: string;
}

/** One section of a multi-product message. */
export interface ProductSection {
  /** At most 24 characters; required when there are several sections. */
  title?: string;
  /** Retailer ids (SKUs) of the products of this section, at least one. */
  productRetailerIds: string[];
}

/** Up to 30 products of one catalogue, in up to 10 sections. */
export interface ProductListContent {
  catalogId: string;
  /** Text header, at most 60 characters (required by WhatsApp). */
  header: string;
  body: string;
  footer?: string;
  sections: ProductSection[];
}

/** The catalogue as a whole, behind a "View catalog" button. */
export interface CatalogContent {
  body: string;
  /** Retailer id of the product whose image is the message's thumbnail. */
  thumbnailProductRetailerId: string;
  footer?: string;
}

const id = z.string().min(1).max(256);
const footer = z.string().min(1).max(60);
/** Most products a multi-product message may carry, across all its sections. */
export const MAX_LIST_PRODUCTS = 30;

export const productSchema = z.strictObject({
  catalogId: id,
  productRetailerId: id,
  body: interactiveBody.optional(),
  footer: footer.optional(),
});

export const productListSchema = z
  .strictObject({
    catalogId: id,
    header: z.string().min(1).max(60),
    body: interactiveBody,
    footer: footer.optional(),
    sections: z
      .array(
        z.strictObject({
          title: z.string().min(1).max(24).optional(),
          productRetailerIds: z.array(id).min(1).max(MAX_LIST_PRODUCTS),
        }),
      )
      .min(1)
      .max(10),
  })
  .superRefine((value, ctx) => {
    const total = value.sections.reduce((n, s) => n + s.productRetailerIds.length, 0);
    if (total > MAX_LIST_PRODUCTS) {
      ctx.addIssue({ code: "custom", path: ["sections"], message: `at most ${MAX_LIST_PRODUCTS} products in all` });
    }
    requireSectionTitles(value.sections, ctx);
  });

export const catalogSchema = z.strictObject({
  body: interactiveBody,
  thumbnailProductRetailerId: id,
  footer: footer.optional(),
});

/** The `interactive` object of a single-product message (no header allowed, body optional). */
export function productInteractive(c: z.output<typeof productSchema>): WireObject {
  const out: WireObject = { type: "product" };
  if (c.body !== undefined) out.body = { text: c.body };
  if (c.footer !== undefined) out.footer = { text: c.footer };
  out.action = { catalog_id: c.catalogId, product_retailer_id: c.productRetailerId };
  return out;
}

/** The `interactive` object of a multi-product message. */
export function productListInteractive(c: z.output<typeof productListSchema>): WireObject {
  const action = {
    catalog_id: c.catalogId,
    sections: c.sections.map((s) =>
      defined({ title: s.title, product_items: s.productRetailerIds.map((p) => ({ product_retailer_id: p })) }),
    ),
  };
  return interactive("product_list", c.body, action, c.header, c.footer);
}

/** The `interactive` object of a catalogue message. */
export function catalogInteractive(c: z.output<typeof catalogSchema>): WireObject {
  const action = {
    name: "catalog_message",
    parameters: { thumbnail_product_retailer_id: c.thumbnailProductRetailerId },
  };
  return interactive("catalog_message", c.body, action, undefined, c.footer);
}
