import { z } from "zod";
import type { Mission, Order, TokTokBackend } from "../backend/types.js";
import { type CapturedSend, captureSends } from "../delivery/turn-capture.js";
import type { MissionStatus, OrderStatus } from "../domain.js";
import { FlowsValidationError, maskPhone, NotificationError } from "../errors.js";
import { catalogues as builtIn, type Catalogue } from "../i18n/catalogue.js";
import { type Logger, silentLogger } from "../logger.js";
import { isOutsideWindowError, type Messenger, type TemplateMessage } from "../messaging/messenger.js";
import { sendReply } from "../messaging/reply.js";
import { LOCALES, type Locale } from "../sessions/types.js";
import { type Delivery, missionDeliveries, orderDeliveries } from "./status-messages.js";
import {
  type MarketingConsent,
  pickUsableTemplate,
  type TemplateGate,
  type TemplateHealth,
  type TemplateSkip,
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
  /** Users' marketing choices (`MarketingPreferences`): a marketing template never goes to one who opted out. */
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

const optionsSchema = z.object(
  {
    messenger: z.custom<Messenger>(
      (v) => typeof v === "object" && v !== null && typeof (v as Messenger).sendText === "function",
      "must be a Messenger (e.g. a WhatsAppClient)",
    ),
    locale: z.enum(LOCALES).optional(),
    templateLanguage: z.string().min(2).optional(),
  },
  "must hold at least { messenger }",
);

/**
 * Creates the status notifier: rich WhatsApp messages per mission and order status (with the
 * timeline), the driver's contact card on acceptance, and the matching approved template
 * when WhatsApp answers that the 24-hour window is closed.
 * @example
 * const notifier = createNotifier({ messenger: new WhatsAppClient({ accessToken, phoneNumberId }) });
 * await notifier.notifyMissionStatus(mission, "accepted");
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FlowsValidationError(
      `options${issue?.path.length ? `.${issue.path.join(".")}` : ""}`,
      issue?.message ?? "invalid",
    );
  }
  const { messenger, backend } = options;
  const locale = options.locale ?? "fr";
  const t = { ...builtIn, ...options.catalogues }[locale];
  const language = options.templateLanguage ?? locale;
  const logger = options.logger ?? silentLogger;
  const gate: TemplateGate = {
    pickers: typeof options.templates === "function" ? [options.templates] : (options.templates ?? [defaultTemplates]),
    health: options.templateHealth,
    marketing: options.marketing,
    logger,
    onSkipped: options.onTemplateSkipped,
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
