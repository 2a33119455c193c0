import type { Mission, TokTokBackend } from "../../backend/types.js";
import { captureSends } from "../../delivery/turn-capture.js";
import type { OrderStatus } from "../../domain.js";
import { isBeforePickup, isOrderBeforePickup } from "../../domain.js";
import { normalizeWords } from "../../engine/commands.js";
import { defineFlow, END, type Flow } from "../../engine/types.js";
import { formatDateText } from "../../i18n/date-text.js";
import { encodePayload } from "../../messaging/payloads.js";
import type { Locale } from "../../sessions/types.js";
import { isYes } from "../shared/choice.js";
import { tellDriver } from "../shared/driver-notice.js";
import { orderMissionBeforePickup, runningRequests } from "../shared/running-requests.js";
import { rescheduleTexts } from "./texts.js";
import { parseFrenchWhen } from "./when.js";

/** What the reschedule flow collects. */
export interface RescheduleData {
  reference: string;
  /** Why nothing can be moved: no running mission, or the latest one is past its pickup. */
  blocked: "nothing" | "tooLate";
  blockedStatus: string;
  /** The new pickup time, ISO. */
  scheduledAt: string;
  confirmed: boolean;
}

/** Options of {@link rescheduleFlow}. */
export interface RescheduleFlowOptions {
  backend: TokTokBackend;
}

/** Fills the time of a request that cannot be moved, so no question is asked before saying why. */
const BLOCKED = "blocked";
const ASK = /\b(reporter|reporte|decaler|decale|reprogrammer|changer l heure|changer la date|reschedule)\b/;

/**
 * "Reporter ma course": the customer's latest running mission or order moves to a new time said in
 * French ("demain à 10h", "jeudi 14h", Brazzaville time), confirmed back in French words, while its
 * parcel is not picked up yet (`backend.missions.reschedule` / `backend.orders.reschedule`). A moved
 * order's shop is told the new time, and its delivery mission, when one is already out to drivers, moves
 * with it. The driver who had accepted the mission (or the order's delivery) is told the new time in his
 * own language, with dispatch on or off — here only, so he hears it once. A backend without `reschedule` gets a plain "not
 * available". Started by an idle customer's "reporter", "décaler", "reprogrammer".
 */
export function rescheduleFlow(options: RescheduleFlowOptions): Flow {
  const { backend } = options;
  const yes = encodePayload("cmd", "yes");
  return defineFlow<RescheduleData>({
    id: "reschedule",
    progress: false,
    opensWith: (input) => (input.kind === "text" && ASK.test(normalizeWords(input.text)) ? {} : undefined),
    start: async ({ userId, t }) => {
      const latest = (await runningRequests(backend, userId))[0];
      if (!latest) return { blocked: "nothing", scheduledAt: BLOCKED, confirmed: true };
      const [reference, movable, label] =
        latest.kind === "mission"
          ? [latest.mission.reference, isBeforePickup(latest.mission.status), t.missionStatus[latest.mission.status]]
          : [latest.order.reference, isOrderBeforePickup(latest.order.status), t.orderStatus[latest.order.status]];
      if (!movable)
        return { blocked: "tooLate", reference, blockedStatus: label, scheduledAt: BLOCKED, confirmed: true };
      return { reference };
    },
    steps: [
      {
        id: "when",
        fills: ["scheduledAt"],
        extract: false,
        prompt: ({ data, locale }) => ({ type: "text", body: rescheduleTexts[locale].askWhen(data.reference ?? "") }),
        parse: (input, { locale, now }) => {
          const t = rescheduleTexts[locale];
          const at = input.kind === "text" ? parseFrenchWhen(input.text, now) : undefined;
          if (!at) return { ok: false, error: t.badWhen };
          if (at.getTime() <= now.getTime()) return { ok: false, error: t.past };
          return { ok: true, set: { scheduledAt: at.toISOString() } };
        },
      },
      {
        id: "confirm",
        fills: ["confirmed"],
        prompt: ({ data, locale }) => {
          const t = rescheduleTexts[locale];
          return {
            type: "buttons",
            body: t.confirm(data.reference ?? "", formatDateText(data.scheduledAt ?? "", locale)),
            buttons: [
              { id: yes, title: t.yes },
              { id: encodePayload("cmd", "no"), title: t.no },
            ],
          };
        },
        // Anything but a yes keeps the time: moving a pickup is never a guess.
        parse: (input) =>
          isYes(input, yes)
            ? { ok: true, set: { confirmed: true } }
            : { ok: true, set: { confirmed: false }, goto: END },
      },
    ],
    complete: async ({ data, locale, localeOf, messageId, t: catalogue }) => {
      const t = rescheduleTexts[locale];
      const reference = data.reference ?? "";
      if (data.blocked === "nothing") return { type: "text", body: t.nothing };
      if (data.blocked === "tooLate") return { type: "text", body: t.tooLate(reference, data.blockedStatus ?? "") };
      if (!data.confirmed || !data.scheduledAt) return { type: "text", body: t.kept(reference) };
      if (reference.startsWith("CMD")) {
        const when = await moveOrder(backend, reference, data.scheduledAt, messageId, locale, localeOf);
        if (when === "unavailable") return { type: "text", body: t.unavailable };
        if (when.tooLate !== undefined) {
          return { type: "text", body: t.tooLate(reference, when.tooLate ? catalogue.orderStatus[when.tooLate] : "") };
        }
        return { type: "text", body: t.done(reference, formatDateText(when.at, locale)) };
      }
      if (!backend.missions.reschedule) return { type: "text", body: t.unavailable };
      // The parcel may have left since the question: then say so, move nothing.
      const mission = await backend.missions.get(reference);
      if (!mission || !isBeforePickup(mission.status)) {
        return { type: "text", body: t.tooLate(reference, mission ? catalogue.missionStatus[mission.status] : "") };
      }
      const moved = await backend.missions.reschedule(mission.id, data.scheduledAt, { idempotencyKey: messageId });
      await tellDriverMoved(moved, localeOf);
      return { type: "text", body: t.done(reference, formatDateText(moved.scheduledAt ?? data.scheduledAt, locale)) };
    },
  });
}

/**
 * Moves a shop order (still at the shop) to `scheduledAt`, and its delivery mission with it when one
 * is already out to drivers; the shop is told the new time (from the turn's outbox).
 */
async function moveOrder(
  backend: TokTokBackend,
  reference: string,
  scheduledAt: string,
  messageId: string,
  locale: Locale,
  localeOf: (userId: string) => Promise<Locale>,
): Promise<"unavailable" | { at: string; tooLate?: undefined } | { tooLate: OrderStatus | ""; at?: undefined }> {
  if (!backend.orders.reschedule) return "unavailable";
  const order = await backend.orders.get(reference);
  // The goods may have left since the question: then say so, move nothing.
  if (!order || !isOrderBeforePickup(order.status)) return { tooLate: order?.status ?? "" };
  const delivery = order.status === "ready" ? await orderMissionBeforePickup(backend, order) : undefined;
  const moved = await backend.orders.reschedule(order.id, scheduledAt, { idempotencyKey: messageId });
  if (delivery && backend.missions.reschedule) {
    const movedDelivery = await backend.missions.reschedule(delivery.id, scheduledAt, {
      idempotencyKey: `${messageId}#delivery`,
    });
    await tellDriverMoved(movedDelivery, localeOf);
  }
  const at = moved.scheduledAt ?? scheduledAt;
  const shop = await backend.catalogue.merchant(order.merchantId);
  if (shop?.phone) {
    const body = rescheduleTexts[locale].merchantMoved(reference, formatDateText(at, locale));
    captureSends([{ to: shop.phone.replace(/\D/g, ""), reply: { type: "text", body } }]);
  }
  return { at };
}

/** The driver of a moved mission, if it has one, is told its new pickup time in words, in his language. */
function tellDriverMoved(mission: Mission, localeOf: (userId: string) => Promise<Locale>): Promise<void> {
  const at = mission.scheduledAt;
  if (!at) return Promise.resolve();
  return tellDriver(mission, localeOf, (d, locale) =>
    d.rescheduledForDriver(mission.reference, formatDateText(at, locale)),
  );
}
