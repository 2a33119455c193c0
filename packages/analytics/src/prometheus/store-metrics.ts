import { Counter, Gauge, type Registry } from "@prometheus-io/client";
import type { StoreHealth } from "../stores/store.js";

/** A counter that follows a monotonic figure read at scrape time (adds the delta since the last scrape). */
function followingCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let exported = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      if (value > exported) {
        this.inc(value - exported);
        exported = value;
      }
    },
  });
}

/**
 * The store's health as series, read at scrape time: up, buffered events,
 * dropped events and failed flushes (`toktok_analytics_` prefix: they describe
 * this package's own pipeline, not the bot's traffic).
 */
export function registerStoreMetrics(registry: Registry, health: () => StoreHealth): void {
  new Gauge({
    name: "toktok_analytics_store_up",
    help: "1 while the analytics store answers, 0 while it is down (tracked events are buffered meanwhile).",
    registers: [registry],
    collect() {
      this.set(health().status === "ok" ? 1 : 0);
    },
  });
  new Gauge({
    name: "toktok_analytics_events_buffered",
    help: "Tracked events waiting to be written to the analytics store.",
    registers: [registry],
    collect() {
      this.set(health().buffered);
    },
  });
  followingCounter(
    registry,
    "toktok_analytics_events_dropped_total",
    "Tracked events lost: the store's buffer was full, or the store refused them as invalid.",
    () => health().dropped,
  );
  followingCounter(
    registry,
    "toktok_analytics_flush_failures_total",
    "Failed attempts to write buffered events to the analytics store (each one is retried with backoff).",
    () => health().flushFailures,
  );
}
