import { sleep } from "./retry.js";

/** Answer of a limiter; `retryAfterMs` says how long to wait when not allowed. */
export interface LimiterDecision {
  allowed: boolean;
  retryAfterMs?: number;
}

/**
 * Anything that can rate-limit by key: `RateLimiter` of `@toktok/cache`,
 * rate-limiter-flexible behind a small adapter, or your own.
 */
export interface SendLimiter {
  consume(key: string): LimiterDecision | Promise<LimiterDecision>;
}

/** Waits until `limiter` lets `key` through; never fails for being limited. */
export async function waitForSlot(limiter: SendLimiter, key: string, signal?: AbortSignal): Promise<void> {
  for (;;) {
    const decision = await limiter.consume(key);
    if (decision.allowed) return;
    // A limiter that says "no" without a delay still must not spin the CPU.
    await sleep(Math.max(decision.retryAfterMs ?? 0, 10), signal);
  }
}

/** Keys of the two limits WhatsApp applies: the business number's throughput and the pair rate per recipient. */
export const limiterKeys = {
  business: (phoneNumberId: string): string => `whatsapp:business:${phoneNumberId}`,
  pair: (phoneNumberId: string, to: string): string => `whatsapp:pair:${phoneNumberId}:${to}`,
};
