import { Counter, Gauge, type Metric, Registry } from "@prometheus-io/client";
import type { StoreHealth } from "../stores/store.js";
import { type LiveMetrics, RESPONSE_BUCKETS_SECONDS } from "../tracking/live-metrics.js";
import { SESSION_ROLES } from "../validate.js";
import { CounterSync } from "./counter-sync.js";
import { HistogramCollector } from "./histogram-collector.js";
import { registerStoreMetrics } from "./store-metrics.js";

function counter(registry: Registry, name: string, help: string, labelNames: string[], sync: CounterSync): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      sync.sync(this);
    },
  });
}

/** What the registry needs from `Analytics` at scrape time. */
export interface ScrapeHooks {
  now: () => number;
  sessionTimeoutMs: number;
  /** Hands buffered events over so open sessions see their latest activity. */
  beforeScrape: () => void;
  /** The store's health (after `beforeScrape`, so buffered events include this process's latest). */
  health: () => StoreHealth;
}

/**
 * A registry whose metrics read `live` at scrape time (`collect()` callbacks):
 * names prefixed `toktok_`, counters ending `_total`, durations in seconds.
 */
export function createRegistry(live: LiveMetrics, hooks: ScrapeHooks): Registry {
  const { now, sessionTimeoutMs, beforeScrape, health } = hooks;
  const registry = new Registry();
  const one = (label: string) => (key: string) => ({ [label]: key });
  counter(
    registry,
    "toktok_sessions_started_total",
    "Conversation sessions started, by user role.",
    ["role"],
    new CounterSync(live.sessionsStarted, one("role")),
  );
  counter(
    registry,
    "toktok_sessions_ended_total",
    "Conversation sessions ended, by user role.",
    ["role"],
    new CounterSync(live.sessionsEnded, one("role")),
  );
  new Gauge({
    name: "toktok_sessions_active",
    help: "Sessions open in this process (not ended, user seen within the session timeout), by user role.",
    labelNames: ["role"],
    registers: [registry],
    collect() {
      beforeScrape();
      const active = live.activeByRole(now(), sessionTimeoutMs);
      for (const role of SESSION_ROLES) this.set({ role }, active.get(role) ?? 0);
    },
  });
  counter(
    registry,
    "toktok_messages_total",
    "Messages handled, by message type.",
    ["type"],
    new CounterSync(live.messages, one("type")),
  );
  counter(
    registry,
    "toktok_conversions_total",
    "Conversions (missions and orders created or completed), by type.",
    ["type"],
    new CounterSync(live.conversions, one("type")),
  );
  counter(
    registry,
    "toktok_revenue_xaf_total",
    "Revenue of conversions in XAF (franc CFA, no minor unit), by conversion type.",
    ["type"],
    new CounterSync(live.revenue, one("type")),
  );
  counter(
    registry,
    "toktok_funnel_steps_total",
    "Funnel steps reached, by flow and step.",
    ["flow", "step"],
    new CounterSync(live.funnel, (_key, cell) => {
      const c = cell as unknown as { flow: string; step: string };
      return { flow: c.flow, step: c.step };
    }),
  );
  counter(
    registry,
    "toktok_errors_total",
    "Errors tracked, by error name.",
    ["name"],
    new CounterSync(live.errors, one("name")),
  );
  const histogram = new HistogramCollector(
    "toktok_response_time_seconds",
    "Time the bot took to answer, in seconds, by operation.",
    "operation",
    RESPONSE_BUCKETS_SECONDS,
    live.responses,
  );
  registry.registerMetric(histogram as unknown as Metric<string>);
  registerStoreMetrics(registry, health);
  return registry;
}
