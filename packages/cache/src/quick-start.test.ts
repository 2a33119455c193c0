// The README's quick start, run as written (imports adjusted to the source).
import { expect, it } from "vitest";
import { CacheValidationError, memoize, RateLimiter, TtlCache } from "./index.js";

it("README quick start", async () => {
  // --- quick start ---
  const users = new TtlCache<{ name: string }>({ ttl: 60_000, max: 5_000 });
  const user = await users.wrap("user:42", async () => ({ name: "Mireille" })); // concurrent misses share one call

  const api = RateLimiter.presets.backendApi(); // 30 requests per minute per user
  const { allowed, remaining, retryAfterMs } = await api.consume("user:42");

  const getRates = memoize(async (currency: string) => ({ currency, perEuro: 655.957 }), { ttl: 300_000 });
  const rates = await getRates("XAF");

  console.log(user.name, allowed, remaining, retryAfterMs, rates.perEuro);
  console.log(users.renderStats());
  // --- end ---
  expect(user).toEqual({ name: "Mireille" });
  expect({ allowed, remaining, retryAfterMs }).toEqual({ allowed: true, remaining: 29, retryAfterMs: 0 });
  expect(rates.perEuro).toBe(655.957);
  expect(() => new RateLimiter({ points: 0, duration: 1000 })).toThrow(CacheValidationError);
});
