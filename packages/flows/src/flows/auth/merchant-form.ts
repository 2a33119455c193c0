// Merchant sign-up as a WhatsApp Flow form: the person's name, the business's name, its catalogue
// category (a dropdown of the backend's categories, sent as the screen's data with the message) and
// its address, on one screen. Its answer (`nfm_reply`) opens the auth flow at the recap with what it
// filled; a missing or invalid name is asked in chat, so the chat steps stay the one path for clients
// without Flows and for bad answers.
import { dataRef, type FlowJson, flowDropdown, flowJson, flowScreen, flowTextInput } from "@toktok/whatsapp-client";
import { z } from "zod";
import type { Category } from "../../backend/types.js";
import type { FlowMessage } from "../../messaging/messenger.js";
import type { Locale } from "../../sessions/types.js";
import { formToken, sendEveryField } from "../shared/flow-form.js";

/** The form's only screen: what its `navigate` Flow message opens. */
export const MERCHANT_FORM_SCREEN = "SIGNUP";

/** The form's field names: the keys of its `response_json`. */
const FIELDS = ["name", "business_name", "business_category", "business_address"] as const;

/** The form's texts (input labels at most 20 characters, Meta's limit). */
const texts: Record<"fr" | "en", Record<(typeof FIELDS)[number] | "title" | "send" | "cta" | "body", string>> = {
  fr: {
    cta: "Créer ma boutique",
    body: "🏪 Inscrivez votre boutique en un seul formulaire : ouvrez-le ci-dessous. Sinon, répondez ici.",
    title: "Ma boutique",
    name: "Votre nom",
    business_name: "Nom de la boutique",
    business_category: "Catégorie",
    business_address: "Adresse",
    send: "Créer le compte",
  },
  en: {
    cta: "Register my shop",
    body: "🏪 Register your shop in one form: open it below. Or answer here.",
    title: "My shop",
    name: "Your name",
    business_name: "Shop name",
    business_category: "Category",
    business_address: "Address",
    send: "Create the account",
  },
};
const textsOf = (locale: Locale) => texts[locale === "en" ? "en" : "fr"];

/**
 * The merchant sign-up Flow JSON (navigate mode: the answers come back in the completion), checked by
 * `flowJson`. The category dropdown reads `${data.categories}`, which the Flow message carries
 * (`merchantFormMessage`), so a new category needs no new Flow. Publish it with `createFlow` and give
 * its id to `authFlow({ form })`.
 */
export function merchantFormJson(locale: Locale = "fr"): FlowJson {
  const l = textsOf(locale);
  return flowJson({
    screens: [
      flowScreen({
        id: MERCHANT_FORM_SCREEN,
        title: l.title,
        terminal: true,
        data: {
          categories: {
            type: "array",
            items: { type: "object", properties: { id: { type: "string" }, title: { type: "string" } } },
            __example__: [{ id: "restaurants", title: "🍲 Restaurants" }],
          },
        },
        children: [
          flowTextInput({ name: "name", label: l.name, required: true, maxChars: 60 }),
          flowTextInput({ name: "business_name", label: l.business_name, required: true, maxChars: 80 }),
          flowDropdown({
            name: "business_category",
            label: l.business_category,
            options: dataRef("categories"),
            required: true,
          }),
          flowTextInput({ name: "business_address", label: l.business_address, required: true, maxChars: 200 }),
          sendEveryField(l.send, FIELDS),
        ],
      }),
    ],
  });
}

/**
 * A fresh `flow_token` for the merchant form sent to `waId`: `merchant:<waId>:<128 random bits>`; the
 * session keeps it as its live form (`Session.flowToken`).
 */
export function merchantFormToken(waId: string): string {
  return formToken("merchant", waId);
}

/** Meta's limit on a dropdown option's title. */
const OPTION_TITLE = 30;

/**
 * The Flow message offering the merchant form (published as `flowId`), carrying the catalogue's
 * `categories` as the dropdown's options. `undefined` without categories (nothing to choose from).
 */
export function merchantFormMessage(
  flowId: string,
  flowToken: string,
  categories: readonly Category[],
  locale: Locale = "fr",
): FlowMessage | undefined {
  if (categories.length === 0) return undefined;
  const l = textsOf(locale);
  const options = categories.map((c) => ({
    id: c.id,
    title: Array.from(`${c.emoji} ${c.name}`).slice(0, OPTION_TITLE).join(""),
  }));
  return {
    flowId,
    flowToken,
    cta: l.cta,
    body: l.body,
    mode: "navigate",
    screen: MERCHANT_FORM_SCREEN,
    data: { categories: options },
  };
}

const letters = /\p{L}.*\p{L}/u;
const named = (max: number) =>
  z
    .string()
    .transform((v) => v.replace(/\s+/g, " ").trim())
    .refine((v) => letters.test(v) && v.length <= max)
    .optional()
    .catch(undefined);
const answers = z.object({
  name: named(60),
  business_name: named(80),
  business_category: z.string().optional().catch(undefined),
  business_address: z.string().trim().min(2).max(200).optional().catch(undefined),
});

/** What a merchant form filled, in the auth flow's fields: each answer kept only when valid. */
export interface MerchantFormAnswers {
  name?: string;
  businessName?: string;
  businessCategoryId?: string;
  businessAddress?: string;
}

/**
 * Reads a merchant form's answers (untrusted: any shape); an answer that is missing or invalid — a
 * category that is not one of `categoryIds` included — is left out. `undefined` when it is not a
 * merchant form.
 */
export function merchantFormAnswers(
  fields: Record<string, unknown>,
  categoryIds: ReadonlySet<string>,
): MerchantFormAnswers | undefined {
  if (!("business_name" in fields) || !("business_category" in fields)) return undefined;
  const a = answers.parse(fields);
  const out: MerchantFormAnswers = {};
  if (a.name) out.name = a.name;
  if (a.business_name) out.businessName = a.business_name;
  if (a.business_category && categoryIds.has(a.business_category)) out.businessCategoryId = a.business_category;
  if (a.business_address) out.businessAddress = a.business_address;
  return out;
}
