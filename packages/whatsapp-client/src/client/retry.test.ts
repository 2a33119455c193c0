import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./retry.js";

const policy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8000, retryAmbiguous: false };

describe("backoff", () => {
  it("grows exponentially with jitter between half and all of the step, capped", () => {
    expect(backoffDelay(0, policy, undefined, () => 0)).toBe(125);
    expect(backoffDelay(0, policy, undefined, () => 1)).toBe(250);
    expect(backoffDelay(3, policy, undefined, () => 0)).toBe(1000);
    expect(backoffDelay(10, policy, undefined, () => 1)).toBe(8000);
    expect(backoffDelay(2, policy, 1234)).toBe(1234);
  });

  it("parses Retry-After seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(["0.5"])).toBe(500);
    expect(parseRetryAfter("Sat, 21 Nov 2026 12:00:10 GMT", Date.parse("Sat, 21 Nov 2026 12:00:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
