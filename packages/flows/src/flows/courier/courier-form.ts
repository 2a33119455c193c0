// The courier request as a WhatsApp Flow form: one screen with every field the chat steps ask one by
// one. Its answer (`nfm_reply`) arrives as a `form` input; what it filled is kept and the chat steps
// ask only for what is missing or invalid, so clients without Flows and bad answers share one path.
import { type FlowJson, flowJson, flowScreen, flowTextInput } from "@toktok/whatsapp-client";
import { z } from "zod";
import type { FlowContext } from "../../engine/types.js";
import type { FlowMessage } from "../../messaging/messenger.js";
import type { Locale } from "../../sessions/types.js";
import { formToken, sendEveryField } from "../shared/flow-form.js";
import { courierExchangeJson } from "./courier-form-exchange.js";
import { FIELDS, labelsOf } from "./courier-form-labels.js";
import { isParcelValue } from "./parcel-value.js";

/**
 * How the courier form opens: `navigate` (one screen, its answers in the completion) or
 * `data_exchange` (the endpoint serves the screens and quotes the price before the last one).
 */
export type CourierFormMode = "navigate" | "data_exchange";

/** The published courier form: its Flow id and the mode its Flow JSON was built for. */
export interface CourierFormOptions {
  flowId: string;
  /** Default `navigate`; `data_exchange` needs the Flow's endpoint to answer with `courierFormExchange`. */
  mode?: CourierFormMode;
}

/**
 * The courier request's Flow JSON, checked by `flowJson`. `navigate` (default): one screen whose
 * answers come back in the completion; `data_exchange`: the route and value first, then — once the
 * endpoint (`courierFormExchange`) has quoted the price — the recipient and the parcel. Publish it
 * with `createFlow` (with an `endpointUri` for `data_exchange`) and give its id to the courier flow's `form`.
 */
export function courierFormJson(locale: Locale = "fr", mode: CourierFormMode = "navigate"): FlowJson {
  if (mode === "data_exchange") return courierExchangeJson(locale);
  const l = labelsOf(locale);
  return flowJson({
    screens: [
      flowScreen({
        id: COURIER_FORM_SCREEN,
        title: l.title,
        terminal: true,
        children: [
          flowTextInput({ name: "pickup", label: l.pickup, required: true }),
          flowTextInput({ name: "destination", label: l.destination, required: true }),
          flowTextInput({ name: "recipient_name", label: l.recipient_name, required: true }),
          flowTextInput({ name: "recipient_phone", label: l.recipient_phone, inputType: "phone", required: true }),
          flowTextInput({ name: "value", label: l.value, inputType: "number", required: true }),
          flowTextInput({ name: "description", label: l.description, required: true, maxChars: 200 }),
          sendEveryField(l.send, FIELDS),
        ],
      }),
    ],
  });
}

/** The first screen of {@link courierFormJson}: what a `navigate` Flow message opens. */
export const COURIER_FORM_SCREEN = "COURSE";

/**
 * A fresh `flow_token` for the courier form sent to `waId`: `courier:<waId>:<128 random bits>`, so it
 * cannot be guessed; the session keeps it as its live form (see `Session.flowToken`).
 */
export function courierFormToken(waId: string): string {
  return formToken("courier", waId);
}

/**
 * The Flow message offering the courier form (published as `flowId`); `flowToken` names the
 * conversation, so the completion can be told from one of another form. In `data_exchange` mode it
 * names no screen: WhatsApp asks the endpoint (`INIT`).
 */
export function courierFormMessage(
  flowId: string,
  flowToken: string,
  locale: Locale = "fr",
  mode: CourierFormMode = "navigate",
): FlowMessage {
  const l = labelsOf(locale);
  const base = { flowId, flowToken, cta: l.cta, body: l.body };
  return mode === "data_exchange" ? { ...base, mode } : { ...base, mode: "navigate", screen: COURIER_FORM_SCREEN };
}

const text = (max: number) => z.string().trim().min(2).max(max).optional().catch(undefined);
const answers = z.object({
  pickup: text(200),
  destination: text(200),
  recipient_name: text(60),
  recipient_phone: z.string().optional().catch(undefined),
  value: z.union([z.string(), z.number()]).optional().catch(undefined),
  description: text(200),
});

/** What a courier form filled, in the courier flow's fields: each answer kept only when valid. */
export interface CourierFormAnswers {
  pickup?: { address: string };
  destination?: { address: string };
  recipientName?: string;
  recipientPhone?: string;
  parcelValue?: number;
  description?: string;
}

/**
 * Reads a courier form's answers (untrusted: any shape) into the flow's fields; an answer that is
 * missing or invalid is left out, for its chat step to ask. `undefined` when it is not a courier form.
 */
export async function courierFormAnswers(
  fields: Record<string, unknown>,
  ctx: Pick<FlowContext<unknown>, "nlu">,
  maxValue: number,
): Promise<CourierFormAnswers | undefined> {
  if (!("pickup" in fields) || !("destination" in fields)) return undefined;
  const a = answers.parse(fields);
  const out: CourierFormAnswers = {};
  if (a.pickup) out.pickup = { address: a.pickup };
  if (a.destination) out.destination = { address: a.destination };
  if (a.recipient_name) out.recipientName = a.recipient_name;
  if (a.description) out.description = a.description;
  const phone = a.recipient_phone ? await ctx.nlu.parsePhone(a.recipient_phone) : undefined;
  if (phone) out.recipientPhone = phone;
  const value = typeof a.value === "number" ? a.value : a.value ? Number(a.value.replace(/\s/g, "")) : Number.NaN;
  if (isParcelValue(value, maxValue)) out.parcelValue = value;
  return out;
}
