import type { Mission, Order } from "../backend/types.js";
import type { MissionStatus, OrderStatus } from "../domain.js";
import type { TemplateMessage } from "../messaging/messenger.js";
import type { TemplateSubject } from "./templates.js";

/** What one notification did: the messages sent and whether a template replaced them. */
export interface NotificationResult {
  /** WhatsApp message ids sent. */
  messageIds: string[];
  /** True when the 24-hour window was closed and the matching template went out instead. */
  usedTemplate: boolean;
  /**
   * True when called inside a conversation turn: the messages were handed to the turn's outbox and
   * go out after it is committed, with retries (`messageIds` is then empty).
   */
  deferred?: boolean;
  /**
   * How many recipients got nothing: the window was closed and no template was left to send (none
   * picked, paused or RED by webhook, or a marketing one to a user who did not opt in).
   */
  notSent?: number;
}

/** Sends status notifications; made by `createNotifier`. Built-in flows call it after status changes. */
export interface Notifier {
  notifyMissionStatus(mission: Mission, status: MissionStatus): Promise<NotificationResult>;
  notifyOrderStatus(order: Order, status: OrderStatus): Promise<NotificationResult>;
  /**
   * The template this notifier would send about `subject` outside the 24-hour window, through its
   * checks (a paused or RED template is skipped for the next picker's, logged and reported), or
   * `undefined` when none is left. Dispatch sends its own templates (`delivery_delayed`, the delivery
   * code) with it. Optional: a notifier without it leaves dispatch to its `templates` picker.
   */
  pickTemplate?(subject: TemplateSubject): TemplateMessage | undefined;
  /**
   * Sends a marketing template (`promotionalOffer(…)` of `@toktok/whatsapp-client`) to a user who opted in,
   * through the same checks as the status templates: to anyone else (stopped, or never asked) nothing is
   * sent, `notSent` is 1 and the skip is reported (`no_marketing_consent`, `marketing_opt_out`).
   */
  sendPromotion?(to: string, template: TemplateMessage): Promise<NotificationResult>;
}
