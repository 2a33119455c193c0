import type { TokTokBackend } from "../../backend/types.js";
import { isBeforePickup, isOrderBeforePickup } from "../../domain.js";
import { defineFlow, END, type Flow } from "../../engine/types.js";
import { encodePayload } from "../../messaging/payloads.js";
import type { Notifier } from "../../notifications/types.js";
import { isYes } from "../shared/choice.js";
import { tellDriver } from "../shared/driver-notice.js";
import { orderMissionBeforePickup, runningRequests } from "../shared/running-requests.js";

/** What the cancellation flow decides. */
export interface CancelData {
  /** The reference to cancel (`COUR-…` or `CMD-…`), when one still can be. */
  reference: string;
  /** Why nothing is cancelled: nothing in progress, or the latest one is past the point of cancelling. */
  blocked: "nothing" | "tooLate";
  /** The status the blocking mission or order is in, in the user's words. */
  blockedStatus: string;
  confirmed: boolean;
}

/** Options of {@link cancelFlow}. */
export interface CancelFlowOptions {
  backend: TokTokBackend;
  /** Tells the driver who had accepted a cancelled mission, and the shop of a cancelled order. */
  notifier?: Pick<Notifier, "notifyMissionStatus" | "notifyOrderStatus">;
}

/**
 * "annuler" once a request is sent: the customer's latest mission or order that is still running is
 * cancelled after a yes — a mission until its parcel is picked up (`pending`, `accepted`,
 * `pickup_arrived`), an order until a driver picked it up (`pending`, `confirmed`, `ready`: a ready
 * order's delivery mission is cancelled with it); past that point the answer says which one, in which
 * status, and why not. The driver who had accepted the mission (or the order's delivery) is told not to
 * go, in his own language, with or without dispatch; with a `notifier`, the customer's timeline and the order's shop too. The engine starts it for "annuler" when
 * no flow is in progress (its intent is `cancel`).
 */
export function cancelFlow(options: CancelFlowOptions): Flow {
  const { backend, notifier } = options;
  return defineFlow<CancelData>({
    id: "cancel",
    intents: ["cancel"],
    progress: false,
    start: async ({ userId, t }) => {
      const latest = (await runningRequests(backend, userId))[0];
      if (!latest) return { blocked: "nothing", confirmed: true };
      const [reference, cancellable, label] =
        latest.kind === "mission"
          ? [latest.mission.reference, isBeforePickup(latest.mission.status), t.missionStatus[latest.mission.status]]
          : [latest.order.reference, isOrderBeforePickup(latest.order.status), t.orderStatus[latest.order.status]];
      if (!cancellable) return { blocked: "tooLate", reference, blockedStatus: label, confirmed: true };
      return { reference };
    },
    steps: [
      {
        id: "confirm",
        fills: ["confirmed"],
        prompt: ({ t, data }) => ({
          type: "buttons",
          body: t.cancelRequest.ask(data.reference ?? ""),
          buttons: [
            { id: encodePayload("cmd", "yes"), title: t.engine.buttons.yesCancel },
            { id: encodePayload("cmd", "no"), title: t.cancelRequest.keep },
          ],
        }),
        // Anything but a yes keeps the request: cancelling is never a guess.
        parse: (input) => {
          if (isYes(input, encodePayload("cmd", "yes"))) return { ok: true, set: { confirmed: true } };
          return { ok: true, set: { confirmed: false }, goto: END };
        },
      },
    ],
    complete: async ({ t, data, messageId, localeOf }) => {
      if (data.blocked === "nothing") return { type: "text", body: t.engine.nothingToCancel };
      const reference = data.reference ?? "";
      if (data.blocked === "tooLate") {
        return { type: "text", body: t.cancelRequest.tooLate(reference, data.blockedStatus ?? "") };
      }
      if (!data.confirmed) return { type: "text", body: t.cancelRequest.kept(reference) };
      // The status may have moved since the question (the parcel picked up): then say so, cancel nothing.
      // A failed notification never undoes the cancellation: the customer's answer stands.
      if (reference.startsWith("CMD")) {
        const order = await backend.orders.get(reference);
        if (!order || !isOrderBeforePickup(order.status)) {
          return { type: "text", body: t.cancelRequest.tooLate(reference, order ? t.orderStatus[order.status] : "") };
        }
        // A ready order's delivery is already out to drivers: it goes with the order (its driver is told).
        const delivery = order.status === "ready" ? await orderMissionBeforePickup(backend, order) : undefined;
        const cancelled = await backend.orders.updateStatus(order.id, "cancelled", { idempotencyKey: messageId });
        if (delivery) {
          const gone = await backend.missions.updateStatus(
            delivery.id,
            "cancelled",
            {},
            { idempotencyKey: `${messageId}#delivery` },
          );
          await tellDriver(gone, localeOf, (d) => d.cancelledForDriver(gone.reference));
        }
        await notifier?.notifyOrderStatus(cancelled, "cancelled").catch(() => undefined);
      } else {
        const mission = await backend.missions.get(reference);
        if (!mission || !isBeforePickup(mission.status)) {
          const status = mission ? t.missionStatus[mission.status] : "";
          return { type: "text", body: t.cancelRequest.tooLate(reference, status) };
        }
        const cancelled = await backend.missions.updateStatus(
          mission.id,
          "cancelled",
          {},
          { idempotencyKey: messageId },
        );
        await tellDriver(cancelled, localeOf, (d) => d.cancelledForDriver(cancelled.reference));
        await notifier?.notifyMissionStatus(cancelled, "cancelled").catch(() => undefined);
      }
      return { type: "text", body: t.cancelRequest.done(reference) };
    },
  });
}
