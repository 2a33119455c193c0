import {
  type Merchant,
  type Messenger,
  type NotificationResult,
  notifyMissionStatus,
  notifyOrderStatus,
  type TokTokBackend,
} from "@toktok/flows";
import type { RelayEvent } from "./event-schema.ts";
import type { IdempotencyStore, RelayOutcome } from "./idempotency/types.ts";
import type { Logger } from "./logger.ts";

/** What processing one event gave, mapped to an HTTP answer by the app. */
export type RelayResult =
  | { kind: "sent"; outcome: RelayOutcome }
  | { kind: "duplicate"; outcome: RelayOutcome }
  | { kind: "in_progress" }
  | { kind: "failed"; message: string };

/** Options of {@link createRelay}. */
export interface RelayOptions {
  messenger: Messenger;
  store: IdempotencyStore;
  ttlMs: number;
  locale: "fr" | "en";
  logger: Logger;
}

/** Only `catalogue.merchant` is read by the notifier (to alert the merchant of a new order). */
function merchantLookup(merchantId: string, phone: string | undefined): Pick<TokTokBackend, "catalogue"> {
  const merchant = async (id: string): Promise<Merchant | undefined> =>
    phone && id === merchantId
      ? { id, name: "", categoryId: "", address: "", phone: phone.replace(/\D/g, ""), deliveryFee: 0 }
      : undefined;
  return {
    catalogue: {
      categories: async () => [],
      merchants: async () => [],
      merchant,
      products: async () => [],
      product: async () => undefined,
    },
  };
}

/**
 * Turns a verified event into WhatsApp notifications, once per `eventId`: the id is claimed
 * before sending, the outcome recorded after, and released when sending failed so the
 * backend's retry can go through.
 */
export function createRelay(options: RelayOptions) {
  const { messenger, store, ttlMs, locale, logger } = options;

  const send = (event: RelayEvent): Promise<NotificationResult> => {
    if (event.type === "mission.status_changed") {
      return notifyMissionStatus(event.mission, event.status ?? event.mission.status, { messenger, locale, logger });
    }
    return notifyOrderStatus(event.order, event.status ?? event.order.status, {
      messenger,
      locale,
      logger,
      backend: merchantLookup(event.order.merchantId, event.merchantPhone),
    });
  };

  return {
    async process(event: RelayEvent): Promise<RelayResult> {
      const claim = await store.begin(event.eventId, ttlMs);
      if (claim.state === "processing") return { kind: "in_progress" };
      if (claim.state === "done") return { kind: "duplicate", outcome: claim.outcome };
      let result: NotificationResult;
      try {
        result = await send(event);
      } catch (error) {
        // Nothing (or not everything) went out: free the id so the backend's retry can send.
        await store.release(event.eventId).catch(() => {});
        logger.error("relay: notification failed", { eventId: event.eventId, error: (error as Error).message });
        return { kind: "failed", message: (error as Error).message };
      }
      const outcome = { messageIds: result.messageIds, usedTemplate: result.usedTemplate };
      try {
        await store.complete(event.eventId, outcome, ttlMs);
      } catch (error) {
        // Sent but not recorded: the claim stays "processing" until it expires, so a retry gets 409,
        // never a second notification.
        logger.error("relay: could not record the outcome", {
          eventId: event.eventId,
          error: (error as Error).message,
        });
      }
      logger.info("relay: notified", { eventId: event.eventId, type: event.type, messages: outcome.messageIds.length });
      return { kind: "sent", outcome };
    },
  };
}
