import { describe, expect, it } from "vitest";
import { validationField } from "../test-support/validation-field.js";
import { MemorySessionStore } from "./memory-store.js";
import type { Session } from "./types.js";

const session = (): Session => ({
  userId: "242061234567",
  updatedAt: 1,
  processed: ["wamid.1"],
  flow: { id: "courier", step: "pickup", data: { value: 15_000 }, history: [], attempts: 0, startedAt: 1 },
});

describe("MemorySessionStore", () => {
  it("shares no object with the caller, neither the one saved nor the ones loaded", async () => {
    const store = new MemorySessionStore();
    const saved = session();
    await store.save(saved.userId, saved, 0);
    (saved.flow as NonNullable<Session["flow"]>).data.value = 1;
    saved.processed.push("wamid.2");
    const first = await store.load(saved.userId);
    expect(first?.session.flow?.data).toEqual({ value: 15_000 });
    expect(first?.session.processed).toEqual(["wamid.1"]);
    first?.session.processed.push("wamid.3");
    expect((await store.load(saved.userId))?.session.processed).toEqual(["wamid.1"]);
  });

  it("gives back what Redis would: the JSON form of the session", async () => {
    const store = new MemorySessionStore();
    const saved = session();
    saved.pending = undefined;
    (saved.flow as NonNullable<Session["flow"]>).data.at = new Date(0);
    await store.save(saved.userId, saved, 0);
    const loaded = (await store.load(saved.userId))?.session;
    expect(loaded?.flow?.data.at).toBe("1970-01-01T00:00:00.000Z");
    expect(loaded && "pending" in loaded).toBe(false);
  });

  it("writes only over the version read, and stores nothing JSON cannot write", async () => {
    const store = new MemorySessionStore();
    expect(await store.save("u", session(), 0)).toBe(true);
    expect(await store.save("u", session(), 0)).toBe(false);
    const cyclic = session();
    (cyclic.flow as NonNullable<Session["flow"]>).data.self = cyclic;
    await expect(store.save("u", cyclic, 1)).rejects.toThrow(/circular/);
    expect((await store.load("u"))?.version).toBe(1);
  });

  it("names a bad option with FlowsValidationError", () => {
    expect(validationField(() => new MemorySessionStore({ max: 0 }))).toBe("max");
    expect(validationField(() => new MemorySessionStore({ max: 2.5 }))).toBe("max");
    expect(validationField(() => new MemorySessionStore({ ttlMs: Number.POSITIVE_INFINITY }))).toBe("ttlMs");
    expect(validationField(() => new MemorySessionStore({ ttlMs: 0 }))).toBe("ttlMs");
  });

  it("keeps 10,000 sessions by default, the least recently used dropped first", async () => {
    const store = new MemorySessionStore();
    for (let i = 0; i <= 10_000; i++) await store.save(`u${i}`, { userId: `u${i}`, updatedAt: 1, processed: [] }, 0);
    expect(store.size).toBe(10_000);
    expect(await store.load("u0")).toBeUndefined();
    expect(await store.load("u10000")).toBeDefined();
  });
});
