import { z } from "zod";
import { optional, required, url } from "./env.ts";

/** The Graph API host the apps talk to unless `WHATSAPP_API_BASE_URL` says otherwise. */
export const GRAPH_API_BASE_URL = "https://graph.facebook.com";

/**
 * The WhatsApp Cloud API variables every example reads, to spread into an app's `z.object`:
 * `WHATSAPP_TOKEN`, `WHATSAPP_PHONE_NUMBER_ID` (digits), `WHATSAPP_API_BASE_URL` (default the Graph
 * host; tests point it at a loopback stand-in) and `WHATSAPP_API_VERSION` (`v23.0`, optional).
 */
export const whatsappVariables = {
  WHATSAPP_TOKEN: required("WHATSAPP_TOKEN"),
  WHATSAPP_PHONE_NUMBER_ID: required("WHATSAPP_PHONE_NUMBER_ID").regex(
    /^\d+$/,
    "WHATSAPP_PHONE_NUMBER_ID must be the numeric id of the business phone number",
  ),
  WHATSAPP_API_BASE_URL: url("WHATSAPP_API_BASE_URL", ["http:", "https:"]).default(GRAPH_API_BASE_URL),
  WHATSAPP_API_VERSION: optional(
    z
      .string()
      .trim()
      .regex(/^v\d+\.\d+$/, "WHATSAPP_API_VERSION must look like v23.0"),
  ),
};
