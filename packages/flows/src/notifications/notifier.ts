import { z } from "zod";
import type { Mission, Order, TokTokBackend } from "../backend/types.js";
import { type CapturedSend, captureSends } from "../delivery/turn-capture.js";
import type { MissionStatus, OrderStatus } from "../domain.js";
import { maskPhone, NotificationError } from "../errors.js";
import { catalogues as builtIn, type Catalogue } from "../i18n/catalogue.js";
import { type Logger, silentLogger } from "../logger.js";
import { isOutsideWindowError, type Messenger, type TemplateMessage } from "../messaging/messenger.js";
import { sendReply } from "../messaging/reply.js";
import { LOCALES, type Locale } from "../sessions/types.js";
import { loggerSchema, parseOptions } from "../validate-options.js";
import type { MarketingConsent } from "./marketing-consent.js";
import { type Delivery, missionDeliveries, orderDeliveries } from "./status-messages.js";
import {
  pickUsableTemplate,
  type TemplateGate,
  type TemplateHealth,
  type TemplateSkip,
  templateRefusal,
} from "./template-gate.js";
import { defaultTemplates, type TemplatePicker, type TemplateSubject } from "./templates.js";
import type { NotificationResult, Notifier } from "./types.js";

/** Options of {@link createNotifier}. */
export interface NotifierOptions {
  /** A `WhatsAppClient` or any {@link Messenger}. */
  messenger: Messenger;
  /** Language of the messages. Default `"fr"`. */
  locale?: Locale;
  catalogues?: Partial<Record<Locale, Catalogue>>;
  /** Language code of the approved templates. Default: the locale. */
  templateLanguage?: string;
  /**
   * Template sent when the 24-hour window is closed. Default {@link defaultTemplates}. A list is tried
   * in order: the first template that is still usable (see `templateHealth`) goes out.
   */
  templates?: TemplatePicker | readonly TemplatePicker[];
  /**
   * Template health kept current by the template webhooks (`TemplateRegistry` of `@toktok/whatsapp-client`):
   * a paused, disabled or RED-quality template is not sent, the next picker's is.
   */
  templateHealth?: TemplateHealth;
  /**
   * Users' marketing consent (`MarketingConsents`): a marketing template goes only to a user who opted in.
   * Without it no marketing template is sent.
   */
  marketing?: MarketingConsent;
  /** Called for each template ruled out (after it is logged), e.g. to count it on `/metrics`. */
  onTemplateSkipped?: (skip: TemplateSkip) => void;
  /**
   * Used to find a merchant's number for new-order alerts, and (with `users`) the customer's name an
   * order's template greets them by.
   */
  backend?: Pick<TokTokBackend, "catalogue"> & Partial<Pick<TokTokBackend, "users">>;
  logger?: Logger;
}

const fn = <T>() => z.custom<T>((v) => typeof v === "function", "must be a function");
const withMethod = <T>(method: string) =>
  z.custom<T>(
    (v) => typeof v === "object" && v !== null && typeof (v as Record<string, unknown>)[method] === "function",
    `must have a ${method} method`,
  );

// The options and their defaults, written once; createNotifier uses the parsed output. The messenger, the
// ports and the catalogues are the caller's objects: checked by shape, handed back as they are.
const optionsSchema = z
  .object(
    {
      messenger: z.custom<Messenger>(
        (v) => typeof v === "object" && v !== null && typeof (v as Messenger).sendText === "function",
        "must be a Messenger (e.g. a WhatsAppClient)",
      ),
      locale: z.enum(LOCALES).default("fr"),
      catalogues: z
        .custom<Partial<Record<Locale, Catalogue>>>((v) => typeof v === "object" && v !== null, "must be an object")
        .optional(),
      templateLanguage: z.string().min(2).optional(),
      templates: z
        .union([fn<TemplatePicker>(), z.array(fn<TemplatePicker>()).readonly()])
        .default([defaultTemplates])
        // One picker is a list of one: the gate tries a list in order.
        .transform((t): readonly TemplatePicker[] => (typeof t === "function" ? [t] : t)),
      templateHealth: withMethod<TemplateHealth>("isUsable").optional(),
      marketing: withMethod<MarketingConsent>("consentOf").optional(),
      onTemplateSkipped: fn<(skip: TemplateSkip) => void>().optional(),
      backend: z
        .custom<NonNullable<NotifierOptions["backend"]>>(
          (v) => typeof v === "object" && v !== null && "catalogue" in v,
          "must have a catalogue",
        )
        .optional(),
      logger: loggerSchema.default(silentLogger),
    },
    "must hold at least { messenger }",
  )
  // The templates' language follows the locale unless given: the one default that depends on another field.
  .transform(({ templateLanguage, ...o }) => ({ ...o, language: templateLanguage ?? o.locale }));

/**
 * Creates the status notifier: rich WhatsApp messages per mission and order status (with the
 * timeline), the driver's contact card on acceptance, and the matching approved template
 * when WhatsApp answers that the 24-hour window is closed.
 * @example
 * const notifier = createNotifier({ messenger: new WhatsAppClient({ accessToken, phoneNumberId }) });
 * await notifier.notifyMissionStatus(mission, "accepted");
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { messenger, backend, locale, catalogues, language, logger, ...o } = parseOptions(optionsSchema, options);
  const t = { ...builtIn, ...catalogues }[locale];
  const gate: TemplateGate = {
    pickers: o.templates,
    health: o.templateHealth,
    marketing: o.marketing,
    logger,
    onSkipped: o.onTemplateSkipped,
  };
  const pick = (subject: TemplateSubject) => pickUsableTemplate(gate, subject, t, language);

  const deliver = async (
    deliveries: Delivery[],
    subject: (to: string) => TemplateSubject,
  ): Promise<NotificationResult> => {
    const result: NotificationResult = { messageIds: [], usedTemplate: false };
    // Inside a conversation turn, the engine sends them from the turn's outbox, committed with the
    // session: once, after the turn, with retries and the same template fallback.
    if (captureSends(() => deliveries.flatMap((d) => asCaptured(d, pick(subject(d.to)))))) {
      result.deferred = true;
      return result;
    }
    const failures: unknown[] = [];
    for (const d of deliveries) {
      try {
        for (const r of d.replies) result.messageIds.push((await sendReply(messenger, d.to, r)).messageId);
      } catch (err) {
        if (!isOutsideWindowError(err)) {
          logger.error("flows: notification failed", { to: maskPhone(d.to), error: String(err) });
          failures.push(err);
          continue;
        }
        const template = pick(subject(d.to));
        if (!template) {
          // Window closed and no template left to send: recorded, not an error.
          logger.warn("flows: notification not sent (window closed, no usable template)", { to: maskPhone(d.to) });
          result.notSent = (result.notSent ?? 0) + 1;
          continue;
        }
        try {
          result.messageIds.push((await messenger.sendTemplate(d.to, template)).messageId);
          result.usedTemplate = true;
        } catch (templateErr) {
          logger.error("flows: template fallback failed", { to: maskPhone(d.to), error: String(templateErr) });
          failures.push(templateErr);
        }
      }
    }
    if (failures.length > 0) {
      throw new NotificationError(`${failures.length} of ${deliveries.length} notification(s) failed`, failures[0]);
    }
    return result;
  };

  return {
    pickTemplate: pick,
    sendPromotion: async (to, template) => {
      if (templateRefusal(gate, template, to)) return { messageIds: [], usedTemplate: false, notSent: 1 };
      const { messageId } = await messenger.sendTemplate(to, template);
      return { messageIds: [messageId], usedTemplate: true };
    },
    notifyMissionStatus: (mission: Mission, status: MissionStatus) =>
      deliver(missionDeliveries(mission, status, t, locale), (to) => ({ kind: "mission", mission, status, to })),
    notifyOrderStatus: async (order: Order, status: OrderStatus) => {
      // The shop hears of a new order and of its cancellation.
      const toShop = status === "pending" || status === "cancelled";
      const merchant = toShop ? await backend?.catalogue.merchant(order.merchantId) : undefined;
      // An order carries no customer name: the account's, so a template never greets a customer as "client".
      const customer = await backend?.users?.findByPhone(order.clientPhone).catch(() => undefined);
      return deliver(orderDeliveries(order, status, t, locale, merchant?.phone), (to) => ({
        kind: "order",
        order,
        status,
        to,
        ...(customer && digits(to) === digits(order.clientPhone) ? { name: customer.name } : {}),
      }));
    },
  };
}

const digits = (phone: string) => phone.replace(/\D/g, "");

/** One delivery as outbox sends: the template replaces its first part when the window is closed. */
function asCaptured(delivery: Delivery, template: TemplateMessage | undefined): CapturedSend[] {
  return delivery.replies.map((reply, i): CapturedSend => {
    if (template === undefined) return { to: delivery.to, reply };
    return i === 0
      ? { to: delivery.to, reply, fallback: template }
      : { to: delivery.to, reply, dropIfWindowClosed: true };
  });
}

/**
 * Sends the notifications of a mission status (see {@link createNotifier}).
 * @example
 * await notifyMissionStatus(mission, "in_transit", { messenger: client });
 */
export async function notifyMissionStatus(
  mission: Mission,
  status: MissionStatus,
  options: NotifierOptions,
): Promise<NotificationResult> {
  return createNotifier(options).notifyMissionStatus(mission, status);
}

/**
 * Sends the notifications of an order status (see {@link createNotifier}).
 * @example
 * await notifyOrderStatus(order, "ready", { messenger: client });
 */
export async function notifyOrderStatus(
  order: Order,
  status: OrderStatus,
  options: NotifierOptions,
): Promise<NotificationResult> {
  return createNotifier(options).notifyOrderStatus(order, status);
}
