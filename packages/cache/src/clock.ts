/**
 * A clock in milliseconds. Inject one in tests (`now: () => t`) to move TTLs and windows without waiting.
 * It must never go backwards.
 */
export type Clock = () => number;

// Resolved at call time (not captured at import) so that fake timers installed after this module loaded — vitest's
// `vi.useFakeTimers()` fakes `performance` and `Date` — still move the cache's clock.
export const defaultClock: Clock = () => performance.now();
