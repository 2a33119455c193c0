import { Counter, Gauge, type Registry } from "@prometheus-io/client";
import type { DeliveryStats, JobCounts } from "@toktok/flows";
import type { WebhookHandlerStats } from "@toktok/whatsapp-client";

/** What the delivery metrics read at scrape time: narrow views, not the engine or the handler. */
export interface DeliverySources {
  engine: { stats(): Readonly<DeliveryStats>; queueCounts(): Promise<JobCounts> };
  webhook: { stats(): WebhookHandlerStats };
}

/**
 * A counter that mirrors a monotonic value read at scrape time: the library keeps its own
 * counts (one owner), the registry only adds what grew since the last scrape.
 */
export function mirror(registry: Registry, name: string, help: string, read: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      if (value > seen) this.inc(value - seen);
      seen = value;
    },
  });
}

/**
 * Registers the durability metrics of the bot: webhook deliveries accepted or refused, messages
 * recorded and redeliveries refused, replies sent, retried, given up (dead letters) or of unknown
 * outcome, and the job queue's depth.
 */
export function registerDeliveryMetrics(registry: Registry, sources: DeliverySources): void {
  const { engine, webhook } = sources;
  mirror(
    registry,
    "toktok_webhook_deliveries_accepted_total",
    "Webhook deliveries recorded and answered 200.",
    () => webhook.stats().deliveriesAccepted,
  );
  mirror(
    registry,
    "toktok_webhook_deliveries_rejected_total",
    "Webhook deliveries answered 503 because they could not be recorded (Meta redelivers them).",
    () => webhook.stats().deliveriesRejected,
  );
  mirror(
    registry,
    "toktok_webhook_items_skipped_total",
    "Malformed items of a delivery skipped while the rest went through.",
    () => webhook.stats().malformedItemsSkipped,
  );
  mirror(
    registry,
    "toktok_webhook_other_number_events_total",
    "Events for another phone number id, ignored.",
    () => webhook.stats().otherNumberEventsIgnored,
  );
  mirror(
    registry,
    "toktok_inbound_accepted_total",
    "Inbound messages recorded for handling.",
    () => engine.stats().accepted,
  );
  mirror(
    registry,
    "toktok_inbound_redeliveries_refused_total",
    "Redelivered inbound messages refused (already recorded or handled).",
    () => engine.stats().redeliveriesRefused,
  );
  mirror(registry, "toktok_inbound_handled_total", "Inbound messages handled.", () => engine.stats().handled);
  mirror(registry, "toktok_outbox_sent_total", "Replies sent from the outbox.", () => engine.stats().sent);
  mirror(
    registry,
    "toktok_outbox_retries_total",
    "Reply sends that failed and will be tried again.",
    () => engine.stats().retries,
  );
  mirror(
    registry,
    "toktok_outbox_dead_letters_total",
    "Replies given up on a permanent error.",
    () => engine.stats().deadLetters,
  );
  mirror(
    registry,
    "toktok_outbox_ambiguous_total",
    "Reply sends whose outcome was unknown (timeout after the request went out).",
    () => engine.stats().ambiguous,
  );
  new Gauge({
    name: "toktok_jobs",
    help: "Jobs of the delivery queue, by state (failed: dead letters kept for inspection).",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      // A scrape during a Redis outage still answers: the depth is then simply absent.
      const counts = await engine.queueCounts().catch(() => undefined);
      this.reset();
      if (!counts) return;
      for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
    },
  });
}
