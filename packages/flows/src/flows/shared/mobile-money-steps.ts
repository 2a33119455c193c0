import { type PaymentMethod, paymentMethods } from "../../domain.js";
import { END, type FlowContext, type ParseResult, type Step } from "../../engine/types.js";
import type { Catalogue } from "../../i18n/catalogue-type.js";
import { formatPhone, formatXaf } from "../../i18n/format.js";
import { encodePayload, payloadValue } from "../../messaging/payloads.js";
import type { Reply } from "../../messaging/reply.js";
import {
  type MobileMoneyPayment,
  type MobileMoneyPayments,
  operatorOf,
  paymentIdFor,
} from "../../payments/mobile-money.js";
import { congoMobileNumber, usualPrefix } from "../../payments/payer-number.js";

/** The fields a flow paying by Mobile Money keeps. */
export interface PayingData {
  payment: PaymentMethod;
  /** The paying number, 9 national digits. */
  payer: string;
  /** The payment the flow waits for. */
  paymentId: string;
  /**
   * Set once the payment succeeded: the provider's transaction id when the port knows it, else `paymentId`.
   * The order or mission is created with it as its `paymentReference` (what the operator's statement shows).
   */
  paymentReference: string;
}

/** What {@link mobileMoneySteps} needs from the flow. */
export interface MobileMoneyStepsOptions<D extends PayingData> {
  payments: MobileMoneyPayments;
  /** The amount to collect, XAF. */
  amount(data: Partial<D>): Promise<number>;
  /** Shown on the payer's phone prompt. */
  description(data: Partial<D>): Promise<string>;
  /** Where the flow goes once the payer is known (the recap). */
  after: string;
  /** The flow's own words: what is held until the payment succeeds, and what is kept after a failure. */
  held(t: Catalogue): { held: string; afterFailure: string };
  /**
   * More metadata stored with the payment, beside `waId`: the marketplace names the shop (`merchantId`), so
   * the app can count the payment under the merchant's company. Optional.
   */
  metadata?(data: Partial<D>): Record<string, string>;
}

/** The payment-method question (cash, MTN MoMo, Airtel Money) both flows ask, and the rows its answer is read from. */
export const paymentChoice = {
  prompt: (t: Catalogue, body: string): Reply => ({
    type: "buttons",
    body,
    buttons: paymentMethods.map((p) => ({ id: encodePayload("pay", p), title: t.marketplace.payment[p] })),
  }),
  rows: (t: Catalogue) => paymentMethods.map((p) => ({ id: p, title: t.marketplace.payment[p] })),
};

type Method = Exclude<PaymentMethod, "cash">;
const method = (data: Partial<PayingData>): Method | undefined =>
  data.payment === "mtn_momo" || data.payment === "airtel_money" ? data.payment : undefined;

/**
 * The Mobile Money part of a flow (the marketplace's order, the courier's delivery): which number pays (this one or another), the payment asked for when the
 * customer confirms, a wait that holds the flow until the payment succeeds (the port is asked on every
 * message, including the one the app sends when the payment settles — never trusted from the message
 * itself), and a failure step offering retry, another number or cash.
 */
export function mobileMoneySteps<D extends PayingData>(options: MobileMoneyStepsOptions<D>) {
  const { payments } = options;

  /** Asks for the payment; the confirming message's id makes it the same payment if the message comes again. */
  async function start(ctx: FlowContext<D>): Promise<ParseResult<D>> {
    const m = method(ctx.data);
    if (m === undefined || ctx.data.payer === undefined) return { ok: true, goto: END };
    const id = paymentIdFor(`${ctx.userId}:${ctx.messageId}`);
    try {
      await payments.collect({
        id,
        amount: await options.amount(ctx.data),
        payer: ctx.data.payer,
        description: await options.description(ctx.data),
        externalId: id,
        operator: operatorOf[m],
        metadata: { ...options.metadata?.(ctx.data), waId: ctx.userId },
      });
    } catch {
      return { ok: false, error: ctx.t.mobileMoney.failed.unknown };
    }
    return { ok: true, set: { paymentId: id } as Partial<D>, goto: "awaitPayment" };
  }

  const payer: Step<D> = {
    id: "payer",
    fills: ["payer"],
    progress: false,
    prompt: ({ t, data, userId }) => ({
      type: "buttons",
      body: t.mobileMoney.askPayer(t.marketplace.payment[method(data) ?? "mtn_momo"], formatPhone(userId)),
      buttons: [
        { id: encodePayload("payer", "self"), title: t.mobileMoney.payerSelf },
        { id: encodePayload("payer", "other"), title: t.mobileMoney.payerOther },
      ],
    }),
    parse: (input, ctx) => {
      const m = method(ctx.data) ?? "mtn_momo";
      const label = ctx.t.marketplace.payment[m];
      const tapped = input.kind === "choice" ? payloadValue(input.id, "payer") : undefined;
      if (tapped === "other") return { ok: false, error: ctx.t.mobileMoney.askPayerNumber(label) };
      const typed = tapped === "self" ? ctx.userId : input.kind === "text" ? input.text : "";
      return payerAnswer(typed, m, ctx);
    },
    next: () => options.after,
  };

  /**
   * A Congo number for the chosen method; one whose prefix is the other operator's (a number ported between
   * operators keeps it) is asked about instead of refused.
   */
  function payerAnswer(typed: string, m: Method, ctx: FlowContext<D>): ParseResult<D> {
    const number = congoMobileNumber(typed);
    if (number === undefined) return { ok: false, error: ctx.t.mobileMoney.wrongPayer(ctx.t.marketplace.payment[m]) };
    if (!usualPrefix(number, m)) return { ok: true, set: { payer: number } as Partial<D>, goto: "payerOperator" };
    return { ok: true, set: { payer: number } as Partial<D>, goto: options.after };
  }

  /** "Is this number really a <method> account?": yes pays with the chosen operator (given explicitly), no asks again. */
  const payerOperator: Step<D> = {
    id: "payerOperator",
    progress: false,
    extract: false,
    prompt: ({ t, data }) => ({
      type: "buttons",
      body: t.mobileMoney.confirmPayerOperator(
        t.marketplace.payment[method(data) ?? "mtn_momo"],
        formatPhone(`242${data.payer ?? ""}`),
      ),
      buttons: [
        { id: encodePayload("payerop", "yes"), title: t.mobileMoney.payerOperatorYes },
        { id: encodePayload("payerop", "no"), title: t.mobileMoney.payerOperatorNo },
      ],
    }),
    parse: (input, ctx) => {
      const m = method(ctx.data) ?? "mtn_momo";
      const answer = input.kind === "choice" ? payloadValue(input.id, "payerop") : undefined;
      if (answer === "yes") return { ok: true, goto: options.after };
      if (answer === "no") {
        const label = ctx.t.marketplace.payment[m];
        return { ok: true, clear: ["payer"], goto: "payer", say: ctx.t.mobileMoney.askPayerNumber(label) };
      }
      // Another number typed instead of tapping: read it as the payer's.
      if (input.kind === "text" && congoMobileNumber(input.text) !== undefined) return payerAnswer(input.text, m, ctx);
      return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
    },
  };

  /**
   * A succeeded payment ends the flow paid — when it pays what the order costs now. Another amount (a price
   * changed while the customer approved) confirms nothing: the payment goes to a person for a refund and the
   * customer sees the recap again, with the new total.
   */
  async function paid(payment: MobileMoneyPayment, ctx: FlowContext<D>): Promise<ParseResult<D>> {
    // Ours from now on: a late-settlement handler will not take it for a forgotten payment to refund.
    // Claimed already only by this same flow on a redelivered message (its customer never left).
    await payments.claim?.(payment.id);
    const expected = await options.amount(ctx.data);
    if (payment.amount !== expected) {
      await payments.refund?.(payment.id, `paid ${payment.amount} XAF, the order now costs ${expected} XAF`);
      return {
        ok: true,
        clear: ["paymentId", "paymentReference"],
        goto: options.after,
        say: ctx.t.mobileMoney.amountChanged(formatXaf(payment.amount, ctx.locale), formatXaf(expected, ctx.locale)),
      };
    }
    const paymentReference = payment.providerTransactionId || payment.id;
    return {
      ok: true,
      set: { paymentReference } as Partial<D>,
      goto: END,
      say: ctx.t.mobileMoney.paid(formatXaf(payment.amount, ctx.locale)),
    };
  }

  const awaiting: Step<D> = {
    id: "awaitPayment",
    progress: false,
    extract: false,
    prompt: async ({ t, data, locale }) => ({
      type: "text",
      body: `${t.mobileMoney.confirmOnPhone(
        formatXaf(await options.amount(data), locale),
        formatPhone(`242${data.payer ?? ""}`),
      )}\n${options.held(t).held}`,
    }),
    parse: async (_input, ctx) => {
      const payment = ctx.data.paymentId === undefined ? undefined : await payments.get(ctx.data.paymentId);
      const amount = formatXaf(payment?.amount ?? (await options.amount(ctx.data)), ctx.locale);
      if (payment?.status === "succeeded") return paid(payment, ctx);
      if (payment?.status === "failed" || payment === undefined) return { ok: true, goto: "paymentFailed" };
      return { ok: false, error: ctx.t.mobileMoney.stillWaiting(amount) };
    },
  };

  const failed: Step<D> = {
    id: "paymentFailed",
    progress: false,
    extract: false,
    prompt: async ({ t, data }) => {
      const payment = data.paymentId === undefined ? undefined : await payments.get(data.paymentId);
      return {
        type: "buttons",
        body: `${t.mobileMoney.failed[payment?.reason ?? "unknown"]}\n${options.held(t).afterFailure}`,
        buttons: [
          { id: encodePayload("payfix", "retry"), title: t.mobileMoney.retry },
          { id: encodePayload("payfix", "other"), title: t.mobileMoney.otherNumber },
          { id: encodePayload("payfix", "cash"), title: t.mobileMoney.payCash },
        ],
      };
    },
    parse: async (input, ctx) => {
      // The payment failed may still succeed (approved after the collector gave up): the app then hands a
      // settlement again, and a retry asks the provider first — paid once, never charged a second time.
      const settlement = input.kind === "choice" && payloadValue(input.id, "payment") === "settled";
      const fix = input.kind === "choice" ? payloadValue(input.id, "payfix") : undefined;
      if (settlement || fix === "retry") {
        const id = ctx.data.paymentId;
        const previous = id === undefined ? undefined : await (payments.check ? payments.check(id) : payments.get(id));
        if (previous?.status === "succeeded") return paid(previous, ctx);
        if (settlement) return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
      }
      if (fix === "retry") return start(ctx);
      if (fix === "other") return { ok: true, clear: ["payer", "paymentId", "paymentReference"], goto: "payer" };
      if (fix === "cash") {
        return {
          ok: true,
          set: { payment: "cash" } as Partial<D>,
          clear: ["paymentId", "paymentReference"],
          goto: END,
        };
      }
      return { ok: false, error: ctx.nlu.explain("choice", ctx.locale) };
    },
  };

  return { payer, payerOperator, awaiting, failed, start };
}
