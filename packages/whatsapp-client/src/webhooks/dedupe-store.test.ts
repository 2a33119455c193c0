import { afterEach, describe, expect, it, vi } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { MemoryDedupeStore, type MemoryDedupeStoreOptions } from "./dedupe-store.js";

/** The field a WhatsAppValidationError thrown by the constructor names, or what else happened. */
function fieldOf(options: MemoryDedupeStoreOptions): string {
  try {
    new MemoryDedupeStore(options);
  } catch (error) {
    return WhatsAppValidationError.isInstance(error) ? error.field : "not a validation error";
  }
  return "accepted";
}

afterEach(() => {
  vi.useRealTimers();
});

describe("MemoryDedupeStore options (defaults in its zod schema)", () => {
  it("names the offending field with WhatsAppValidationError", () => {
    expect(fieldOf({ maxEntries: 0 })).toBe("maxEntries");
    expect(fieldOf({ maxEntries: 1.5 })).toBe("maxEntries");
    expect(fieldOf({ now: 1 as never })).toBe("now");
    expect(fieldOf({})).toBe("accepted");
    expect(fieldOf(null as never)).toBe("options");
  });

  it("keeps 100,000 keys by default, the oldest dropped first", () => {
    const store = new MemoryDedupeStore();
    for (let i = 0; i <= 100_000; i++) store.claim(`k${i}`, 60_000);
    expect(store.size).toBe(100_000);
    expect(store.claim("k0", 60_000)).toBe(true);
    expect(store.claim("k100000", 60_000)).toBe(false);
  });

  it("reads the system clock by default", () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 21, 9) });
    const store = new MemoryDedupeStore();
    expect(store.claim("wamid.1", 1_000)).toBe(true);
    vi.setSystemTime(Date.now() + 999);
    expect(store.claim("wamid.1", 1_000)).toBe(false);
    vi.setSystemTime(Date.now() + 1);
    expect(store.claim("wamid.1", 1_000)).toBe(true);
  });
});
