import { feedbackRequest, missionReminder } from "@toktok/whatsapp-client";
import type { Mission, Order } from "../backend/types.js";
import type { MissionStatus, OrderStatus } from "../domain.js";
import { describePlace } from "../flows/shared/place.js";
import type { Catalogue } from "../i18n/catalogue-type.js";
import type { TemplateMessage } from "../messaging/messenger.js";

/** What a notification is about, for choosing its fallback template. */
export type TemplateSubject =
  | { kind: "mission"; mission: Mission; status: MissionStatus; to: string }
  | { kind: "order"; order: Order; status: OrderStatus; to: string };

/** Picks the approved template sent when the 24-hour window is closed; `undefined` sends none. */
export type TemplatePicker = (subject: TemplateSubject, t: Catalogue, language: string) => TemplateMessage | undefined;

/**
 * The default picker, on TokTok's approved templates: `feedback_request` once delivered,
 * `mission_reminder` (reference, time and place) for every other status.
 */
export const defaultTemplates: TemplatePicker = (subject, t, language) => {
  const name = subject.kind === "mission" ? (subject.mission.clientName ?? t.notify.customer) : t.notify.customer;
  const reference = subject.kind === "mission" ? subject.mission.reference : subject.order.reference;
  if (subject.status === "delivered") return feedbackRequest({ name, missionRef: reference, language });
  if (subject.kind === "mission") {
    const m = subject.mission;
    const at = m.history.at(-1)?.at ?? m.createdAt;
    return missionReminder({
      name,
      missionRef: reference,
      pickupAt: at,
      pickupAddress: describePlace(m.pickup, t),
      language,
    });
  }
  const o = subject.order;
  return missionReminder({
    name,
    missionRef: reference,
    pickupAt: o.history.at(-1)?.at ?? o.createdAt,
    pickupAddress: o.merchantName,
    language,
  });
};
