import { describe, expect, it } from "vitest";
import {
  LlmRateLimitError,
  LlmRequestError,
  LlmResponseError,
  LlmTimeoutError,
  LlmUnavailableError,
  SmartFallbackAbortError,
  SmartFallbackError,
  SmartFallbackValidationError,
} from "./errors.js";

describe("errors", () => {
  it("share one base class with a code, and are recognised across copies through a Symbol.for marker", () => {
    const errors = [
      new SmartFallbackValidationError("minConfidence", "must be between 0 and 1"),
      new LlmUnavailableError("no key"),
      new LlmTimeoutError(100),
      new LlmRateLimitError(),
      new LlmResponseError("invalid JSON"),
      new LlmRequestError("HTTP 500", 500),
      new SmartFallbackAbortError("LLM call"),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(SmartFallbackError);
      expect(SmartFallbackError.isInstance(e)).toBe(true);
      expect(e.code).toMatch(/^SMART_FALLBACK_/);
    }
    // A plain object carrying the marker is what a second copy of the package produces.
    const foreign = Object.assign(new Error("x"), { code: "SMART_FALLBACK_LLM_TIMEOUT" });
    Object.defineProperty(foreign, Symbol.for("@toktok/smart-fallback/error"), { value: true });
    expect(LlmTimeoutError.isInstance(foreign)).toBe(true);
    expect(SmartFallbackError.isInstance(new Error("x"))).toBe(false);
  });

  it("say what can be retried", () => {
    expect(new LlmTimeoutError(1).retryable).toBe(true);
    expect(new LlmRateLimitError().retryable).toBe(true);
    expect(new LlmRequestError("x", 503).retryable).toBe(true);
    expect(new LlmRequestError("x", 401).retryable).toBe(false);
    expect(new LlmResponseError("x").retryable).toBe(false);
  });

  it("name the field and the rule of a validation error", () => {
    const e = new SmartFallbackValidationError("timeoutMs", "must be a positive integer");
    expect(e).toMatchObject({
      field: "timeoutMs",
      rule: "must be a positive integer",
      name: "SmartFallbackValidationError",
    });
    expect(e.message).toBe('invalid "timeoutMs": must be a positive integer');
  });
});
