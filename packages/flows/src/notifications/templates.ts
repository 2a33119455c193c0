import {
  deliveryCode,
  deliveryDelayed,
  deliveryUpdate,
  feedbackRequest,
  missionReminder,
} from "@toktok/whatsapp-client";
import type { Mission, Order } from "../backend/types.js";
import type { MissionStatus, OrderStatus } from "../domain.js";
import { describePlace } from "../flows/shared/place.js";
import type { Catalogue } from "../i18n/catalogue-type.js";
import { formatDateText } from "../i18n/date-text.js";
import type { TemplateMessage } from "../messaging/messenger.js";

/**
 * What a notification is about, for choosing its fallback template. `name` is the recipient's name
 * when known (the customer's account, the parcel's recipient), so a template greets them by it.
 */
export type TemplateSubject = (
  | { kind: "mission"; mission: Mission; status: MissionStatus }
  | { kind: "order"; order: Order; status: OrderStatus }
  /** A mission past its ETA: `newEta` is the new estimate. */
  | { kind: "delayed"; mission: Mission; newEta: Date; reason: string }
  /** The recipient's (or the customer's) 4-digit delivery code, sent when the parcel leaves. */
  | { kind: "code"; mission: Mission; code: string }
) & { to: string; name?: string };

/** Picks the approved template sent when the 24-hour window is closed; `undefined` sends none. */
export type TemplatePicker = (subject: TemplateSubject, t: Catalogue, language: string) => TemplateMessage | undefined;

const digits = (phone: string) => phone.replace(/\D/g, "");

/** Statuses of a parcel already picked up and not delivered yet. */
const onTheWay: ReadonlySet<MissionStatus> = new Set(["picked_up", "in_transit", "arrived"]);

/** The recipient's name: the one given, else the one the mission knows for that number, else "client". */
function nameOf(subject: TemplateSubject, t: Catalogue): string {
  if (subject.name?.trim()) return subject.name.trim();
  if (subject.kind !== "order") {
    const m = subject.mission;
    if (digits(m.recipient.phone) === digits(subject.to) && m.recipient.name.trim()) return m.recipient.name.trim();
    if (m.clientName?.trim()) return m.clientName.trim();
  }
  return t.notify.customer;
}

/**
 * The default picker, on TokTok's approved templates: `delivery_delayed` for a late mission,
 * `delivery_code` for a delivery code, `feedback_request` once delivered, `delivery_update` with the
 * status in words once the parcel is on its way (picked up, in transit, arrived: a pickup reminder would
 * be wrong then; an order out for delivery likewise), `mission_reminder` before the pickup and while an
 * order is prepared, none once cancelled (no
 * approved template says so, and a reminder would say the opposite). Dates are French text in
 * Brazzaville time ("jeudi 21 novembre à 10 h 05"), never an ISO string.
 */
export const defaultTemplates: TemplatePicker = (subject, t, language) => {
  const name = nameOf(subject, t);
  const dateLocale = language.startsWith("en") ? "en" : "fr";
  if (subject.kind === "delayed") {
    return deliveryDelayed({
      name,
      orderRef: subject.mission.reference,
      newEta: formatDateText(subject.newEta, dateLocale),
      reason: subject.reason,
      language,
    });
  }
  if (subject.kind === "code") {
    return deliveryCode({ name, reference: subject.mission.reference, code: subject.code, language });
  }
  if (subject.status === "cancelled") return undefined;
  if (subject.kind === "mission" && onTheWay.has(subject.status)) {
    return deliveryUpdate({
      name,
      missionRef: subject.mission.reference,
      status: t.missionStatus[subject.status],
      language,
    });
  }
  // An order out for delivery is on its way too: its status in words, not a reminder of its preparation.
  if (subject.kind === "order" && subject.status === "in_delivery") {
    return deliveryUpdate({
      name,
      missionRef: subject.order.reference,
      status: t.orderStatus.in_delivery,
      language,
    });
  }
  const reference = subject.kind === "mission" ? subject.mission.reference : subject.order.reference;
  if (subject.status === "delivered") return feedbackRequest({ name, missionRef: reference, language });
  const [at, place] =
    subject.kind === "mission"
      ? [
          // A pickup the customer moved is reminded at its planned time, not at the last status change.
          subject.mission.scheduledAt ?? subject.mission.history.at(-1)?.at ?? subject.mission.createdAt,
          describePlace(subject.mission.pickup, t),
        ]
      : [
          subject.order.scheduledAt ?? subject.order.history.at(-1)?.at ?? subject.order.createdAt,
          subject.order.merchantName,
        ];
  return missionReminder({
    name,
    missionRef: reference,
    pickupAt: formatDateText(at, dateLocale),
    pickupAddress: place,
    language,
  });
};
