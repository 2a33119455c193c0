import {
  type Locale,
  type Merchant,
  type Messenger,
  type NotificationResult,
  notifyMissionStatus,
  notifyOrderStatus,
  type TokTokBackend,
} from "@toktok/flows";
import type { Logger } from "@toktok-example/shared";
import { type Counters, createCounters } from "./counters.ts";
import { LeaseLostError, StoreUnavailableError } from "./errors.ts";
import type { RelayEvent } from "./event-schema.ts";
import { holdLease } from "./idempotency/lease.ts";
import { createPartsMessenger } from "./idempotency/parts-messenger.ts";
import type { Claim, IdempotencyStore, RelayOutcome } from "./idempotency/types.ts";

/** What processing one event gave, mapped to an HTTP answer by the app. */
export type RelayResult =
  | { kind: "sent"; outcome: RelayOutcome }
  | { kind: "duplicate"; outcome: RelayOutcome }
  | { kind: "in_progress"; retryAfterMs: number }
  | { kind: "failed"; message: string }
  /** WhatsApp refused for good (not on WhatsApp, invalid number, blocked…): retrying cannot help. */
  | { kind: "rejected"; message: string }
  | { kind: "unavailable"; message: string };

/** Options of {@link createRelay}. */
export interface RelayOptions {
  messenger: Messenger;
  store: IdempotencyStore;
  /** How long an event (its sent parts, then its outcome) is remembered. */
  ttlMs: number;
  /** Processing lease: a crashed worker's claim frees itself after this long. */
  leaseMs: number;
  /** The language of the notifications. */
  locale: Locale;
  logger: Logger;
  counters?: Counters;
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
 * Turns a verified event into WhatsApp notifications, once per `eventId` and once per part:
 * the id is claimed with a short lease renewed while sending, each part is recorded as soon as it
 * is sent, the outcome is recorded at the end, and the lease is released when sending failed so
 * the backend's retry sends the missing parts only.
 */
export function createRelay(options: RelayOptions) {
  const { messenger, store, ttlMs, leaseMs, locale, logger } = options;
  const counters = options.counters ?? createCounters();

  const send = (event: RelayEvent, parts: Messenger): Promise<NotificationResult> => {
    if (event.type === "mission.status_changed") {
      return notifyMissionStatus(event.mission, event.status ?? event.mission.status, {
        messenger: parts,
        locale,
        logger,
      });
    }
    return notifyOrderStatus(event.order, event.status ?? event.order.status, {
      messenger: parts,
      locale,
      logger,
      backend: merchantLookup(event.order.merchantId, event.merchantPhone),
    });
  };

  const unavailable = (eventId: string, error: unknown): RelayResult => {
    counters.inc("store_unavailable");
    logger.error("relay: idempotency store unavailable", { eventId, error: (error as Error).message });
    return { kind: "unavailable", message: "the idempotency store is unavailable; retry with the same eventId" };
  };

  return {
    counters,

    async process(event: RelayEvent): Promise<RelayResult> {
      const { eventId } = event;
      const claimedAt = Date.now();
      let claim: Claim;
      try {
        claim = await store.begin(eventId, { leaseMs, ttlMs });
      } catch (error) {
        if (StoreUnavailableError.isInstance(error)) return unavailable(eventId, error);
        throw error;
      }
      if (claim.state === "processing") {
        counters.inc("events_in_progress");
        return { kind: "in_progress", retryAfterMs: claim.retryAfterMs };
      }
      if (claim.state === "done") {
        counters.inc("events_duplicate");
        return { kind: "duplicate", outcome: claim.outcome };
      }

      const { token } = claim;
      const lease = holdLease({ store, eventId, token, leaseMs, claimedAt, logger });
      const parts = createPartsMessenger(messenger, {
        sent: claim.parts,
        record: (part, messageId) => store.recordPart(eventId, part, messageId, ttlMs),
        check: () => lease.check(),
      });
      let result: NotificationResult;
      try {
        result = await send(event, parts);
      } catch (error) {
        // Free the lease (only if still ours): the retry sends the parts still missing, at once.
        await store.release(eventId, token).catch(() => {});
        const reason = parts.stopped ?? error;
        if (LeaseLostError.isInstance(reason)) {
          counters.inc("leases_lost");
          logger.warn("relay: stopped sending, lease lost", { eventId, error: reason.message });
          return { kind: "in_progress", retryAfterMs: leaseMs };
        }
        if (StoreUnavailableError.isInstance(reason)) return unavailable(eventId, reason);
        counters.inc("events_failed");
        logger.error("relay: notification failed", {
          eventId,
          sentParts: parts.counts.sent,
          reusedParts: parts.counts.reused,
          error: (error as Error).message,
        });
        const message = (error as Error).message;
        return isPermanent(error) ? { kind: "rejected", message } : { kind: "failed", message };
      } finally {
        lease.stop();
        counters.inc("parts_sent", parts.counts.sent);
        counters.inc("parts_reused", parts.counts.reused);
      }

      const outcome = { messageIds: result.messageIds, usedTemplate: result.usedTemplate };
      try {
        if (!(await store.complete(eventId, token, outcome, ttlMs))) {
          // Another worker took the lease over: every part is recorded, so it sends nothing again.
          counters.inc("leases_lost");
          logger.warn("relay: lease taken over before the outcome was recorded", { eventId });
        }
      } catch (error) {
        // Every part is recorded: once the lease expires, a retry reuses them all and sends nothing.
        counters.inc("outcomes_unrecorded");
        logger.error("relay: could not record the outcome", { eventId, error: (error as Error).message });
      }
      counters.inc("events_sent");
      logger.info("relay: notified", {
        eventId,
        type: event.type,
        messages: outcome.messageIds.length,
        sentParts: parts.counts.sent,
        reusedParts: parts.counts.reused,
      });
      return { kind: "sent", outcome };
    },
  };
}

/** A relay, as the HTTP app uses it. */
export type Relay = ReturnType<typeof createRelay>;

/**
 * True when every failed part was refused for good by WhatsApp: an error that says
 * `retryable: false` (the notifier wraps the first failure as `cause`). Anything unknown counts
 * as worth a retry, so a notification is never abandoned on a guess.
 */
function isPermanent(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  return typeof cause === "object" && cause !== null && (cause as { retryable?: unknown }).retryable === false;
}
