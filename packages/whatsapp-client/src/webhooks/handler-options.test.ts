import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import type { DedupeStore } from "./dedupe-store.js";
import { resolveHandlerOptions, type WebhookHandlerOptions } from "./handler-options.js";

/** The field a WhatsAppValidationError thrown by resolveHandlerOptions names, or what else happened. */
function field(options: unknown): string {
  try {
    resolveHandlerOptions(options as WebhookHandlerOptions);
  } catch (error) {
    return WhatsAppValidationError.isInstance(error) ? error.field : "not a validation error";
  }
  return "accepted";
}

const base = { appSecret: "s", verifyToken: "t", onEvent: () => {} };

describe("webhook handler options (defaults in one zod schema)", () => {
  it("fills in the defaults: 5 MB bodies, 10 s for record, every number, an in-memory store for 24 h", () => {
    const o = resolveHandlerOptions(base);
    expect(o.maxBodyBytes).toBe(5 * 1024 * 1024);
    expect(o.recordTimeoutMs).toBe(10_000);
    expect(o.phoneNumberIds).toBeUndefined();
    expect(o.ttlMs).toBe(24 * 60 * 60 * 1000);
    expect(typeof o.store?.claim).toBe("function");
    // One store per handler: two handlers never share remembered ids.
    expect(resolveHandlerOptions(base).store).not.toBe(o.store);
    expect(resolveHandlerOptions({ ...base, dedupe: {} }).ttlMs).toBe(24 * 60 * 60 * 1000);
  });

  it("keeps what the caller gives", () => {
    const store: DedupeStore = { claim: () => true };
    const o = resolveHandlerOptions({
      ...base,
      maxBodyBytes: 1000,
      recordTimeoutMs: 250,
      phoneNumberIds: ["242061234567"],
      dedupe: { store, ttlMs: 60_000 },
    });
    expect(o).toEqual({
      maxBodyBytes: 1000,
      recordTimeoutMs: 250,
      phoneNumberIds: new Set(["242061234567"]),
      store,
      ttlMs: 60_000,
    });
    expect(resolveHandlerOptions({ ...base, dedupe: false }).store).toBeUndefined();
  });

  it("names the offending field", () => {
    expect(field(base)).toBe("accepted");
    expect(field({ ...base, appSecret: "" })).toBe("appSecret");
    expect(field({ ...base, verifyToken: 42 })).toBe("verifyToken");
    expect(field({ appSecret: "s", verifyToken: "t" })).toBe("onEvent");
    expect(field({ ...base, onEvent: "log" })).toBe("onEvent");
    expect(field({ ...base, record: {} })).toBe("record");
    expect(field({ ...base, onError: 1 })).toBe("onError");
    expect(field({ ...base, recordTimeoutMs: 0 })).toBe("recordTimeoutMs");
    expect(field({ ...base, recordTimeoutMs: Number.POSITIVE_INFINITY })).toBe("recordTimeoutMs");
    expect(field({ ...base, maxBodyBytes: -1 })).toBe("maxBodyBytes");
    expect(field({ ...base, phoneNumberIds: [] })).toBe("phoneNumberIds");
    expect(field({ ...base, phoneNumberIds: ["1", "+242 06"] })).toBe("phoneNumberIds[1]");
    expect(field({ ...base, dedupe: { ttlMs: 0 } })).toBe("dedupe.ttlMs");
    expect(field({ ...base, dedupe: { store: {} } })).toBe("dedupe.store");
    expect(field({ ...base, dedupe: "yes" })).toBe("dedupe");
    expect(field({ ...base, logger: { error() {} } })).toBe("logger");
    expect(field(null)).toBe("options");
  });
});
