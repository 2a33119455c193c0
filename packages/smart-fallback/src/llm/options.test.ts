import { describe, expect, it } from "vitest";
import { SmartFallbackValidationError } from "../errors.js";
import { resolveOptions } from "./options.js";
import type { OpenAIChatClient } from "./types.js";

describe("resolveOptions", () => {
  it("fills every default from the one schema", () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      model: "gpt-4o-mini",
      cacheTtlMs: 86_400_000,
      minConfidence: 0.7,
      timeoutMs: 8000,
      maxRetries: 0,
      defaultCountry: "CG",
    });
    expect(typeof o.logger.warn).toBe("function");
  });

  it("hands back the caller's client, cache and logger themselves, not copies", () => {
    // Only the shape the options check reads; the client is never called here.
    const openai = { chat: { completions: { parse: async () => ({}) } }, extra: 1 } as unknown as OpenAIChatClient;
    const cache = { get: () => undefined, set: () => {} };
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const o = resolveOptions({ openai, cache, logger });
    expect(o.openai).toBe(openai);
    expect(o.cache).toBe(cache);
    expect(o.logger).toBe(logger);
  });

  it("names the offending field", () => {
    const field = (options: object) => {
      try {
        resolveOptions(options);
      } catch (error) {
        return SmartFallbackValidationError.isInstance(error) ? error.field : "not a validation error";
      }
      return "accepted";
    };
    expect(field({ minConfidence: 2 })).toBe("minConfidence");
    expect(field({ logger: { warn() {} } })).toBe("logger");
    expect(field({ openai: {} })).toBe("openai");
    expect(field({ defaultCountry: "ZZ" })).toBe("defaultCountry");
  });
});
