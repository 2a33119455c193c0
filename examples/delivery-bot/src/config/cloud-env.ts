import { commaList, optional } from "@toktok-example/shared";
import { z } from "zod";

// What the bot knows of the WhatsApp account beyond its number (issue 17).

/** Comma-separated WhatsApp numbers (digits, spaces and a leading + allowed), kept as digits. */
const numberList = (name: string) =>
  commaList(name, "WhatsApp numbers (8 to 15 digits)", (s) => {
    const digits = s.replace(/[\s+]/g, "");
    return /^\d{8,15}$/.test(digits) ? digits : undefined;
  });

/** A Graph node id (digits), `name` saying of what. */
const graphId = (name: string, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,32}$/, `${name} must be the numeric id of ${what}`);

/** The account variables, spread into the bot's schema. */
export const cloudVariables = {
  /**
   * The WhatsApp Business Account (WABA) that owns the number: its templates are read at start (a template
   * paused while the bot was down is known at once), and `cloud:setup` creates the Flows on it.
   */
  WHATSAPP_BUSINESS_ACCOUNT_ID: optional(graphId("WHATSAPP_BUSINESS_ACCOUNT_ID", "a WhatsApp Business Account")),
  /** Users the bot ignores, on top of the ones blocked on the number (`blockUsers`). */
  WHATSAPP_BLOCKED_USERS: optional(numberList("WHATSAPP_BLOCKED_USERS")),
  /** Meta commerce catalogue of the demo's shop (in-memory backend only): carts from it become its orders. */
  WHATSAPP_CATALOG_ID: optional(graphId("WHATSAPP_CATALOG_ID", "a Meta catalogue")),
  /** The published courier request Flow (`courierFormJson` of @toktok/flows): offered with the courier flow's first question. */
  WHATSAPP_FLOW_COURIER_ID: optional(graphId("WHATSAPP_FLOW_COURIER_ID", "a published Flow")),
  /**
   * How the courier form opens: `navigate` (default; the published `courierFormJson(locale)`) or
   * `data_exchange` (the published `courierFormJson(locale, "data_exchange")`, whose screens and price
   * `POST /flows/endpoint` serves: needs `WHATSAPP_FLOW_PRIVATE_KEY`).
   */
  WHATSAPP_FLOW_COURIER_MODE: z.enum(["navigate", "data_exchange"]).default("navigate"),
  /** The published merchant sign-up Flow (`merchantFormJson` of @toktok/flows): offered to a business signing up. */
  WHATSAPP_FLOW_MERCHANT_ID: optional(graphId("WHATSAPP_FLOW_MERCHANT_ID", "a published Flow")),
  /**
   * PEM of the private key whose public key is registered on the number (`setBusinessPublicKey`): mounts
   * `POST /flows/endpoint`, the Flows data-exchange endpoint. `\n` escapes are read as newlines. Never logged.
   */
  WHATSAPP_FLOW_PRIVATE_KEY: optional(
    z
      .string()
      .transform((v) => v.replaceAll("\\n", "\n").trim())
      .refine(
        (v) => v.startsWith("-----BEGIN") && v.includes("PRIVATE KEY-----"),
        "WHATSAPP_FLOW_PRIVATE_KEY must be a PEM private key",
      ),
  ),
  WHATSAPP_FLOW_PRIVATE_KEY_PASSPHRASE: optional(z.string().min(1)),
  /** Which demo merchant that catalogue sells for. Default `epicerie-plateau`. */
  WHATSAPP_CATALOG_MERCHANT: z.string().trim().min(1).default("epicerie-plateau"),
};

/** A data_exchange courier form needs the published Flow and the endpoint's key; names each missing variable. */
export function checkCloudVariables(env: Partial<Record<string, unknown>>, ctx: z.RefinementCtx): void {
  if (env.WHATSAPP_FLOW_COURIER_MODE !== "data_exchange") return;
  for (const name of ["WHATSAPP_FLOW_COURIER_ID", "WHATSAPP_FLOW_PRIVATE_KEY"]) {
    if (env[name] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `${name} is required with WHATSAPP_FLOW_COURIER_MODE=data_exchange`,
      });
    }
  }
}
