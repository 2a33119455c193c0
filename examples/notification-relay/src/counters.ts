import type { Logger } from "@toktok-example/shared";

/** What the relay counts; logged as `relay: counters` (there is no metrics endpoint). */
export const COUNTERS = [
  /** Events fully notified by this process. */
  "events_sent",
  /** Events answered from their done record (nothing sent). */
  "events_duplicate",
  /** Requests answered 409 because another worker held the lease. */
  "events_in_progress",
  /** Events whose sending failed (502): WhatsApp refused or was unreachable. */
  "events_failed",
  /** Requests answered 503 because the idempotency store was away. */
  "store_unavailable",
  /** Parts of notifications sent to WhatsApp. */
  "parts_sent",
  /** Parts answered from an earlier attempt's record instead of being sent again. */
  "parts_reused",
  /** Leases this process lost while sending (taken over, or not renewable in time). */
  "leases_lost",
  /** Outcomes that could not be recorded (the lease then expires and the retry reuses the parts). */
  "outcomes_unrecorded",
] as const;

/** One of {@link COUNTERS}. */
export type CounterName = (typeof COUNTERS)[number];

/** Monotonic counters of one relay process. */
export interface Counters {
  inc(name: CounterName, by?: number): void;
  snapshot(): Record<CounterName, number>;
  /** Logs the totals every `intervalMs` when they changed (timer `unref`'d); returns the stop function, which logs once more. */
  logEvery(logger: Logger, intervalMs: number): () => void;
}

/** Creates the counters, all at zero. */
export function createCounters(): Counters {
  const values = Object.fromEntries(COUNTERS.map((n) => [n, 0])) as Record<CounterName, number>;
  let version = 0;
  return {
    inc(name, by = 1) {
      values[name] += by;
      version += 1;
    },
    snapshot: () => ({ ...values }),
    logEvery(logger, intervalMs) {
      let logged = 0;
      const flush = () => {
        if (version === logged) return;
        logged = version;
        logger.info("relay: counters", { ...values });
      };
      const timer = setInterval(flush, intervalMs);
      timer.unref();
      return () => {
        clearInterval(timer);
        flush();
      };
    },
  };
}
