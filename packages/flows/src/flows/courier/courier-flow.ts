import { z } from "zod";
import type { Place, TokTokBackend } from "../../backend/types.js";
import type { PaymentMethod } from "../../domain.js";
import { defineFlow, END, type Flow, type FlowContext, type Step } from "../../engine/types.js";
import { formatPhone, formatXaf } from "../../i18n/format.js";
import { encodePayload } from "../../messaging/payloads.js";
import { clip } from "../../messaging/reply.js";
import type { MobileMoneyPayments } from "../../payments/mobile-money.js";
import { parseOptions } from "../../validate-options.js";
import { isYes, pickOption } from "../shared/choice.js";
import { mobileMoneySteps, paymentChoice } from "../shared/mobile-money-steps.js";
import { describePlace, placeParser } from "../shared/place.js";
import { courierEntry } from "./courier-entry.js";
import { type CourierFormOptions, courierFormMessage, courierFormToken } from "./courier-form.js";
import { type DEFAULT_MAX_PARCEL_VALUE, maxParcelValueSchema } from "./parcel-value.js";

/** What the courier flow collects. */
export interface CourierData {
  pickup: Place;
  destination: Place;
  /** Declared value, XAF. */
  parcelValue: number;
  description: string;
  recipientName: string;
  /** E.164. */
  recipientPhone: string;
  /** How the sender pays (asked only when the flow has a payment port). */
  payment: PaymentMethod;
  /** Mobile Money: the paying number, 9 national digits. */
  payer: string;
  /** Mobile Money: the payment the request waits for. */
  paymentId: string;
  /** Mobile Money: the provider's transaction id once paid (else `paymentId`), see `PayingData`. */
  paymentReference: string;
}

/** Options of {@link courierFlow}. */
export interface CourierFlowOptions {
  backend: TokTokBackend;
  /** Highest declared value accepted, XAF. Default {@link DEFAULT_MAX_PARCEL_VALUE} (5,000,000). */
  maxParcelValue?: number;
  /**
   * Collects MTN MoMo and Airtel Money payments (`@toktok/payments`' `PaymentCollector` fits): the sender
   * is asked who pays and a Mobile Money delivery is created only once its payment succeeded. Without it,
   * the flow asks nothing about payment (cash on delivery).
   */
  payments?: MobileMoneyPayments;
  /**
   * The courier request's WhatsApp Flow (`courierFormJson`, published): its id. The first question
   * then offers the form too; the chat steps stay for clients without Flows and for what the form
   * left missing or invalid. `mode: "data_exchange"` sends it to open on the endpoint's screens
   * (`courierFormJson(locale, "data_exchange")`, answered by `courierFormExchange`).
   */
  form?: CourierFormOptions;
}

// The flow's settings and their defaults; the backend and the payment port are the caller's objects, used as given.
const settingsSchema = z.object({ maxParcelValue: maxParcelValueSchema });

type Ctx = FlowContext<CourierData>;
const editable = ["pickup", "destination", "parcelValue", "description", "recipientName", "recipientPhone"] as const;
const letters = /\p{L}.*\p{L}/u;

const phoneLike = /[+\d][\d\s.-]{6,}\d/g;

/**
 * "Jean Malonga 06 123 45 67": a number and nothing but a name beside it (one to four words of
 * letters) — a contact, as people paste them. Anything else (an address, a sentence) is no name.
 */
function bareName(text: string): string | undefined {
  const rest = text.replace(phoneLike, " ").replace(/\s+/g, " ").trim();
  const words = rest.split(" ");
  return /^[\p{L}' -]+$/u.test(rest) && letters.test(rest) && words.length <= 4 ? rest : undefined;
}

const priceOf = async (backend: TokTokBackend, d: Partial<CourierData>): Promise<number> =>
  (
    await backend.missions.quote({
      pickup: d.pickup ?? {},
      destination: d.destination ?? {},
      parcelValue: d.parcelValue ?? 0,
    })
  ).price;

const recapOf = async (backend: TokTokBackend, ctx: Ctx): Promise<string> => {
  const d = ctx.data;
  const price = await priceOf(backend, d);
  const paying = d.payment === undefined ? "" : `\n${ctx.t.courier.paymentLine(ctx.t.marketplace.payment[d.payment])}`;
  return `${ctx.t.courier.recap({
    pickup: describePlace(d.pickup, ctx.t),
    destination: describePlace(d.destination, ctx.t),
    value: formatXaf(d.parcelValue ?? 0, ctx.locale),
    description: d.description ?? "—",
    recipient: d.recipientName ?? "—",
    phone: d.recipientPhone ? formatPhone(d.recipientPhone) : "—",
    price: formatXaf(price, ctx.locale),
  })}${paying}`;
};

/**
 * The courier request: pickup (GPS share or text), destination, parcel value, description,
 * recipient name and phone, a recap with the price, then the mission (`COUR-20261121-061`).
 * One message can answer several steps ("Marie 06 123 4567, colis de 15000").
 */
export function courierFlow(options: CourierFlowOptions): Flow {
  const { backend } = options;
  const { maxParcelValue: maxValue } = parseOptions(settingsSchema, options);
  const momo = options.payments
    ? mobileMoneySteps<CourierData>({
        payments: options.payments,
        amount: (data) => priceOf(backend, data),
        description: async () => "TokTok — course",
        after: "confirm",
        held: (t) => t.courier,
      })
    : undefined;
  // "Who pays": cash on delivery, or the sender now by Mobile Money (then which number pays).
  const paymentStep: Step<CourierData> = {
    id: "payment",
    fills: ["payment"],
    prompt: ({ t }) => paymentChoice.prompt(t, t.courier.askPayment),
    parse: (input, ctx) => {
      const picked = pickOption(input, "pay", paymentChoice.rows(ctx.t));
      if (!picked) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
      return { ok: true, set: { payment: picked }, clear: ["payer", "paymentId"] };
    },
    next: (data) => (data.payment === "cash" ? "confirm" : "payer"),
  };
  return defineFlow<CourierData>({
    id: "courier",
    menuTitle: (t) => t.courier.menuTitle,
    menuDescription: (t) => t.courier.menuDescription,
    intents: ["courier"],
    opensWith: courierEntry(maxValue),
    extract: async (text, ctx) => {
      const found = await ctx.nlu.extractDeliveryDetails(text);
      const name = found.recipientName ?? (found.phone === undefined ? undefined : bareName(text));
      return {
        ...(found.amount === undefined ? {} : { parcelValue: found.amount }),
        ...(found.phone === undefined ? {} : { recipientPhone: found.phone }),
        ...(name === undefined ? {} : { recipientName: name }),
      };
    },
    noted: (d, { t, locale }) => [
      ...(d.parcelValue === undefined
        ? []
        : [`${t.courier.editRows.parcelValue} — ${formatXaf(d.parcelValue, locale)}`]),
      ...(d.recipientName === undefined ? [] : [`${t.courier.editRows.recipientName} — ${d.recipientName}`]),
      ...(d.recipientPhone === undefined
        ? []
        : [`${t.courier.editRows.recipientPhone} — ${formatPhone(d.recipientPhone)}`]),
    ],
    steps: [
      {
        id: "pickup",
        fills: ["pickup"],
        prompt: ({ t, userId, locale }) => [
          ...(options.form
            ? [
                {
                  type: "flow" as const,
                  flow: courierFormMessage(options.form.flowId, courierFormToken(userId), locale, options.form.mode),
                },
              ]
            : []),
          { type: "location_request", body: t.courier.askPickup },
        ],
        parse: placeParser<CourierData>("pickup"),
        help: ({ t }) => t.courier.helpPickup,
      },
      {
        id: "destination",
        fills: ["destination"],
        prompt: ({ t }) => ({ type: "location_request", body: t.courier.askDestination }),
        parse: placeParser<CourierData>("destination"),
        help: ({ t }) => t.courier.helpPickup,
      },
      {
        id: "value",
        fills: ["parcelValue"],
        prompt: ({ t }) => ({ type: "text", body: t.courier.askValue }),
        help: ({ t }) => t.courier.helpValue,
        parse: async (input, ctx) => {
          const amount = input.kind === "text" ? await ctx.nlu.parseAmount(input.text) : undefined;
          if (amount === undefined || !Number.isInteger(amount) || amount < 0) {
            return { ok: false, error: ctx.nlu.explain("amount", ctx.locale) };
          }
          if (amount > maxValue)
            return { ok: false, error: ctx.t.courier.valueTooHigh(formatXaf(maxValue, ctx.locale)) };
          return { ok: true, set: { parcelValue: amount } };
        },
      },
      {
        id: "description",
        fills: ["description"],
        // A description is free text: "2 pagnes de 5000" is not a parcel value.
        extract: false,
        prompt: ({ t }) => ({ type: "text", body: t.courier.askDescription }),
        parse: (input, ctx) => {
          const text = input.kind === "text" ? input.text.trim() : "";
          if (text.length < 2 || text.length > 200)
            return { ok: false, error: ctx.nlu.explain("description", ctx.locale) };
          return { ok: true, set: { description: text } };
        },
      },
      {
        id: "recipientName",
        fills: ["recipientName"],
        prompt: ({ t }) => ({ type: "text", body: t.courier.askRecipientName }),
        parse: async (input, ctx) => {
          if (input.kind !== "text") return { ok: false, error: ctx.nlu.explain("name", ctx.locale) };
          const found = await ctx.nlu.extractDeliveryDetails(input.text);
          // "Marie 06 123 4567": the name is what remains once the number is taken out.
          const name = (found.recipientName ?? input.text.replace(phoneLike, " ")).replace(/\s+/g, " ").trim();
          if (!letters.test(name) || name.length > 60) return { ok: false, error: ctx.nlu.explain("name", ctx.locale) };
          return { ok: true, set: { recipientName: name } };
        },
      },
      {
        id: "recipientPhone",
        fills: ["recipientPhone"],
        prompt: ({ t, data }) => ({ type: "text", body: t.courier.askRecipientPhone(data.recipientName ?? "—") }),
        parse: async (input, ctx) => {
          const phone = input.kind === "text" ? await ctx.nlu.parsePhone(input.text) : undefined;
          if (!phone) return { ok: false, error: ctx.nlu.explain("phone", ctx.locale) };
          return { ok: true, set: { recipientPhone: phone } };
        },
      },
      ...(momo ? [paymentStep, momo.payer, momo.payerOperator] : []),
      {
        id: "confirm",
        progress: false,
        prompt: async (ctx) => ({
          type: "buttons",
          body: await recapOf(backend, ctx),
          buttons: [
            { id: encodePayload("courier", "confirm"), title: ctx.t.common.confirm },
            { id: encodePayload("courier", "edit"), title: ctx.t.common.edit },
            { id: encodePayload("cmd", "cancel"), title: ctx.t.common.cancel },
          ],
        }),
        parse: (input, ctx) => {
          if (isYes(input, encodePayload("courier", "confirm"))) {
            // Mobile Money: the delivery is held until the payment succeeds.
            return momo && ctx.data.payment !== undefined && ctx.data.payment !== "cash"
              ? momo.start(ctx)
              : { ok: true, goto: END };
          }
          if (input.kind === "choice" && input.id === encodePayload("courier", "edit"))
            return { ok: true, goto: "edit" };
          return { ok: false, error: ctx.t.courier.confirmHint };
        },
      },
      {
        id: "edit",
        progress: false,
        prompt: ({ t }) => ({
          type: "list",
          body: t.courier.editBody,
          button: t.common.choose,
          sections: [
            { rows: editable.map((f) => ({ id: encodePayload("edit", f), title: clip(t.courier.editRows[f], 24) })) },
          ],
        }),
        parse: (input, ctx) => {
          const rows = editable.map((f) => ({ id: f, title: ctx.t.courier.editRows[f] }));
          const field = pickOption(input, "edit", rows);
          if (!field) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
          const step = field === "parcelValue" ? "value" : field;
          return { ok: true, goto: step };
        },
      },
      ...(momo ? [momo.awaiting, momo.failed] : []),
    ],
    complete: async (ctx) => {
      const d = ctx.data;
      // A paid delivery is created once per payment, whatever message completes the flow.
      const paid = d.payment !== undefined && d.payment !== "cash" && d.paymentId !== undefined;
      const clientName = ctx.user?.name ?? ctx.contactName;
      const mission = await backend.missions.create(
        {
          clientPhone: ctx.userId,
          ...(clientName ? { clientName } : {}),
          pickup: d.pickup ?? {},
          destination: d.destination ?? {},
          parcelValue: d.parcelValue ?? 0,
          description: d.description ?? "",
          recipient: { name: d.recipientName ?? "", phone: d.recipientPhone ?? "" },
          // Marked paid so the backend and the driver know nothing is to be collected; the reference is
          // the provider's transaction id (what the operator's statement shows), else the payment id the
          // provider was given (the collector's key), for reconciliation. Cash sends nothing, as before:
          // absent means the driver collects.
          ...(paid ? { payment: d.payment, paymentReference: d.paymentReference ?? d.paymentId } : {}),
        },
        { idempotencyKey: paid ? `payment:${d.paymentId}` : ctx.messageId },
      );
      return {
        replies: [
          { type: "text", body: ctx.t.courier.created(mission.reference, formatXaf(mission.price, ctx.locale)) },
        ],
        conversion: {
          type: "courier",
          value: mission.price,
          metadata: { reference: mission.reference, ...(d.payment === undefined ? {} : { payment: d.payment }) },
        },
      };
    },
  });
}
