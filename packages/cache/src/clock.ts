/**
 * A clock in milliseconds. Inject one in tests (`now: () => t`) to move TTLs and windows without waiting.
 * It must never go backwards.
 */
export type Clock = () => number;

// Reading the clock costs ~100 ns on hosts without a vDSO clock (many VMs and sandboxes): more than the rest of an
// in-memory rate-limit check. This clock reads Date.now() again after 1 ms of event-loop time (an unref'd timer) or
// every 64 reads, whichever comes first, so it is never more than a few ms stale even inside a long synchronous loop.
let cachedNow = 0;
let cachedFrom: (() => number) | undefined;
let readsSinceRefresh = 0;
const expireCachedNow = (): void => {
  cachedNow = 0;
};

/** Wall clock in ms, refreshed at most every millisecond of event-loop time or every 64 reads. */
export const coarseWallClock: Clock = () => {
  // Installing or removing fake timers swaps `Date.now`: a value cached from the other clock is dropped at once.
  const source = Date.now;
  if (cachedNow !== 0 && source === cachedFrom && ++readsSinceRefresh < 64) return cachedNow;
  if (cachedNow === 0 || source !== cachedFrom) setTimeout(expireCachedNow, 1).unref();
  readsSinceRefresh = 0;
  cachedFrom = source;
  cachedNow = Date.now();
  return cachedNow;
};
