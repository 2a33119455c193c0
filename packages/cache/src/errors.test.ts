import { describe, expect, it } from "vitest";
import {
  CacheAbortError,
  CacheConfigError,
  CacheError,
  CacheUnavailableError,
  CacheValidationError,
  RateLimiter,
  TtlCache,
} from "./index.js";

describe("error names", () => {
  it("a bad option is a CacheValidationError naming the field, with a CACHE_ code", async () => {
    const thrown = (() => {
      try {
        new TtlCache({ ttl: 1000, max: 0 });
      } catch (error) {
        return error;
      }
    })();
    expect(CacheValidationError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ name: "CacheValidationError", code: "CACHE_VALIDATION", field: "max" });
    const rejected = await new RateLimiter({ points: 5, duration: 1000 }).consume("u", 6).catch((e: unknown) => e);
    expect(CacheValidationError.isInstance(rejected) && rejected.field).toBe("cost");
  });

  it("keeps CacheConfigError as a deprecated alias of the same class", () => {
    expect(new CacheConfigError("max", "must be an integer >= 1")).toBeInstanceOf(CacheValidationError);
    expect(CacheConfigError.isInstance(new CacheValidationError("max", "rule"))).toBe(true);
  });

  it("an abort is a CacheAbortError (code CACHE_ABORTED) and still a CacheUnavailableError with reason aborted", () => {
    const reason = new Error("caller left");
    const error = new CacheAbortError("EVALSHA", reason);
    expect(error).toMatchObject({
      name: "CacheAbortError",
      code: "CACHE_ABORTED",
      command: "EVALSHA",
      reason: "aborted",
      retryable: false,
    });
    expect(error.cause).toBe(reason);
    expect(CacheUnavailableError.isInstance(error)).toBe(true);
    expect(CacheError.isInstance(error)).toBe(true);
    const late = new CacheUnavailableError("GET", "timeout", "late");
    expect(late.code).toBe("CACHE_UNAVAILABLE");
    expect(CacheAbortError.isInstance(late)).toBe(false);
  });
});
