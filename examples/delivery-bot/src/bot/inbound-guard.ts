import { RateLimiter, type RateLimitStore } from "@toktok/cache";

/** Decides whether a customer's message is handled or answered with "slow down". */
export interface InboundGuard {
  /** `handle`: go on; `warn`: first message over the limit (send the notice once); `drop`: ignore silently. */
  check(userId: string): Promise<"handle" | "warn" | "drop">;
}

/**
 * Per-customer inbound limit (30 messages a minute, the backend-API preset of @toktok/cache):
 * a flood from one number cannot starve the others. The first message over the limit gets one
 * notice; the rest are dropped until the window frees up.
 */
export function createInboundGuard(store?: RateLimitStore): InboundGuard {
  const limiter = RateLimiter.presets.backendApi(
    store ? { store, name: "toktok-inbound" } : { name: "toktok-inbound" },
  );
  const warned = new Set<string>();
  return {
    async check(userId) {
      const result = await limiter.consume(userId);
      if (result.allowed) {
        warned.delete(userId);
        return "handle";
      }
      if (warned.has(userId)) return "drop";
      warned.add(userId);
      return "warn";
    },
  };
}
