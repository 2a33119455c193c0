import type { AlertRule } from "./alerts/kinds/index.js";
import type { AlertStateStore } from "./alerts/state.js";
import type { Logger } from "./logger.js";
import type { AnalyticsStore } from "./stores/store.js";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "./time/zone.js";
import { checkPositive, invalid } from "./validate.js";

/** Options of `new Analytics(...)`; every field is optional. */
export interface AnalyticsOptions {
  /** Where events go; default an in-memory store. Pass a `PostgresStore` to share one view between processes. */
  store?: AnalyticsStore;
  /** Clock in epoch milliseconds (tests pass a fixed one). Default: `Date.now`, cached on the hot path. */
  now?: () => number;
  /** IANA zone in which days, weeks and months are cut. Default `"Africa/Brazzaville"` (`DEFAULT_TIME_ZONE` in `time/zone.ts`). */
  timeZone?: string;
  /** A session without any event for this long is no longer active. Default 30 minutes. */
  sessionTimeoutMs?: number;
  /** Buffered events are handed to the store at least this often. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Events buffered before a hand-off to the store. Default 2048. */
  bufferSize?: number;
  /** Distinct label values per Prometheus metric before new ones fold into `_other`. Default 1000. */
  maxSeries?: number;
  /** Rules checked by `evaluateAlerts()` and `monitorAlerts()`. */
  alerts?: readonly AlertRule[];
  /**
   * Where `monitorAlerts()` keeps alert records. Default: the store's own when it has
   * one (`PostgresStore`: shared by every process, so each firing is notified once),
   * else this process's memory.
   */
  alertStore?: AlertStateStore;
  /** Default: silent. */
  logger?: Logger;
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  timeZone: string;
  sessionTimeoutMs: number;
  flushIntervalMs: number;
  bufferSize: number;
  maxSeries: number;
}

/** Validates options and applies defaults (one place for all defaults). */
export function resolveOptions(options: AnalyticsOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw invalid("options", "must be an object");
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof timeZone !== "string" || !isValidTimeZone(timeZone))
    throw invalid("timeZone", "must be an IANA time zone");
  if (options.now !== undefined && typeof options.now !== "function") throw invalid("now", "must be a function");
  const bufferSize = options.bufferSize ?? 2048;
  if (!Number.isSafeInteger(bufferSize) || bufferSize < 1 || bufferSize > 1_000_000) {
    throw invalid("bufferSize", "must be an integer between 1 and 1000000");
  }
  const maxSeries = options.maxSeries ?? 1000;
  if (!Number.isSafeInteger(maxSeries) || maxSeries < 1) throw invalid("maxSeries", "must be an integer >= 1");
  return {
    timeZone,
    sessionTimeoutMs: checkPositive(options.sessionTimeoutMs ?? 30 * 60_000, "sessionTimeoutMs"),
    flushIntervalMs: checkPositive(options.flushIntervalMs ?? 1000, "flushIntervalMs"),
    bufferSize,
    maxSeries,
  };
}
