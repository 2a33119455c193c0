// The courier form in data_exchange mode: WhatsApp asks the business's endpoint for each screen. The
// route and the parcel's value come first; the endpoint quotes the price with `missions.quote` and
// answers the second screen (recipient and parcel) with it, so the customer sees what the delivery
// costs before sending. The last screen goes to the endpoint too, which ends the Flow (`SUCCESS`)
// with every answer in the completion; the courier flow checks them there, like the navigate form's.
import {
  dataRef,
  type FlowJson,
  type FlowRequest,
  type FlowResponse,
  flowDataExchange,
  flowFooter,
  flowJson,
  flowScreen,
  flowTextBody,
  flowTextInput,
  formRef,
} from "@toktok/whatsapp-client";
import { z } from "zod";
import type { TokTokBackend } from "../../backend/types.js";
import { formatXaf } from "../../i18n/format.js";
import { LOCALES, type Locale } from "../../sessions/types.js";
import { parseOptions } from "../../validate-options.js";
import { FIELDS, labelsOf } from "./courier-form-labels.js";
import { type DEFAULT_MAX_PARCEL_VALUE, isParcelValue, maxParcelValueSchema } from "./parcel-value.js";

/** The first screen of the data_exchange form: pickup, destination and value. */
export const COURIER_ROUTE_SCREEN = "ROUTE";
/** The second screen: the quoted price, then the recipient and the parcel. */
export const COURIER_DETAILS_SCREEN = "DETAILS";

const example = (v: string) => ({ type: "string" as const, __example__: v });

/** The data_exchange version of `courierFormJson` (two screens, the price quoted by the endpoint). */
export function courierExchangeJson(locale: Locale = "fr"): FlowJson {
  const l = labelsOf(locale);
  const carried = ["pickup", "destination", "value"] as const;
  return flowJson({
    routingModel: { [COURIER_ROUTE_SCREEN]: [COURIER_DETAILS_SCREEN], [COURIER_DETAILS_SCREEN]: [] },
    screens: [
      flowScreen({
        id: COURIER_ROUTE_SCREEN,
        title: l.title,
        children: [
          flowTextInput({ name: "pickup", label: l.pickup, required: true }),
          flowTextInput({ name: "destination", label: l.destination, required: true }),
          flowTextInput({ name: "value", label: l.value, inputType: "number", required: true }),
          flowFooter(l.next, flowDataExchange(Object.fromEntries(carried.map((f) => [f, formRef(f)])))),
        ],
      }),
      flowScreen({
        id: COURIER_DETAILS_SCREEN,
        title: l.parcel,
        terminal: true,
        data: {
          pickup: example("Marché Total, Poto-Poto"),
          destination: example("Rond-point Moungali"),
          value: example("15000"),
          price: example(`${l.price} 2 500 FCFA`),
        },
        children: [
          flowTextBody(dataRef("price")),
          flowTextInput({ name: "recipient_name", label: l.recipient_name, required: true }),
          flowTextInput({ name: "recipient_phone", label: l.recipient_phone, inputType: "phone", required: true }),
          flowTextInput({ name: "description", label: l.description, required: true, maxChars: 200 }),
          flowFooter(
            l.send,
            flowDataExchange({
              ...Object.fromEntries(carried.map((f) => [f, dataRef(f)])),
              recipient_name: formRef("recipient_name"),
              recipient_phone: formRef("recipient_phone"),
              description: formRef("description"),
            }),
          ),
        ],
      }),
    ],
  });
}

/** Options of {@link courierFormExchange}. */
export interface CourierFormExchangeOptions {
  /** Quotes the price (`missions.quote`). */
  backend: Pick<TokTokBackend, "missions">;
  /** Highest declared value accepted, XAF. Default {@link DEFAULT_MAX_PARCEL_VALUE}, as the courier flow's. */
  maxParcelValue?: number;
  /** Language of the form's texts (the endpoint does not know the user's). Default `fr`. */
  locale?: Locale;
}

// The endpoint's settings and their defaults; the backend is the caller's object, used as given.
const settingsSchema = z.object({ maxParcelValue: maxParcelValueSchema, locale: z.enum(LOCALES).default("fr") });

const address = z.string().trim().min(2).max(200);
const answer = z.union([z.string(), z.number()]).transform((v) => String(v));

/**
 * The answers of the courier form's endpoint for `courierFormJson(locale, "data_exchange")`: `INIT`
 * and `BACK` open the route screen; its `data_exchange` is quoted (`missions.quote`) and answered with
 * the details screen, or with an `error_message` on the same screen when an address or the value is
 * invalid; the details screen's `data_exchange` ends the Flow (`SUCCESS`, every answer and the
 * `flow_token` in `extension_message_response.params`). An error notification is acknowledged
 * (`undefined`). Checking that the `flow_token` is live is the caller's (it knows the sessions).
 */
export function courierFormExchange(
  options: CourierFormExchangeOptions,
): (request: FlowRequest) => Promise<FlowResponse | undefined> {
  const { locale, maxParcelValue: maxValue } = parseOptions(settingsSchema, options);
  const l = labelsOf(locale);
  return async (request) => {
    const data = request.data ?? {};
    if (data.error !== undefined) return undefined;
    if (request.action === "INIT" || request.action === "BACK") return { screen: COURIER_ROUTE_SCREEN, data: {} };
    if (request.action !== "data_exchange") return undefined;
    if (request.screen === COURIER_ROUTE_SCREEN) {
      const pickup = address.safeParse(data.pickup);
      const destination = address.safeParse(data.destination);
      const value = Number(String(data.value ?? "").replace(/\s/g, ""));
      if (!pickup.success || !destination.success || !isParcelValue(value, maxValue)) {
        // Shown by WhatsApp on the same screen; nothing is lost of what was typed.
        const error_message = `${l.badRoute} ${formatXaf(maxValue, locale)}).`;
        return { screen: COURIER_ROUTE_SCREEN, data: { error_message } };
      }
      const { price } = await options.backend.missions.quote({
        pickup: { address: pickup.data },
        destination: { address: destination.data },
        parcelValue: value,
      });
      return {
        screen: COURIER_DETAILS_SCREEN,
        data: {
          pickup: pickup.data,
          destination: destination.data,
          value: String(value),
          price: `${l.price} ${formatXaf(price, locale)}`,
        },
      };
    }
    if (request.screen === COURIER_DETAILS_SCREEN) {
      // The completion (nfm_reply) carries these params; the courier flow checks each answer there.
      const params: Record<string, string> = { flow_token: request.flowToken ?? "" };
      for (const field of FIELDS) {
        const v = answer.safeParse(data[field]);
        if (v.success) params[field] = v.data;
      }
      return { screen: "SUCCESS", data: { extension_message_response: { params } } };
    }
    return undefined;
  };
}
