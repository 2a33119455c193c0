// The behaviour every IdempotencyStore keeps, run against the memory store (unit) and Redis (integration).
import { expect, it } from "vitest";
import type { IdempotencyStore } from "./types.ts";

/** A store under test, and how to let time pass for its leases. */
export interface StoreUnderTest {
  store: IdempotencyStore;
  /** Lease length to use: short, since Redis' clock runs for real. */
  leaseMs: number;
  /** Moves the store's clock forward by `ms` (a fake clock, or a real wait). */
  advance(ms: number): Promise<void>;
  /** A fresh event id. */
  id(name: string): string;
}

const outcome = { messageIds: ["wamid.1"], usedTemplate: false };
const TTL = 60_000;

/** Registers the contract's tests in the current `describe`. */
export function storeContract(setup: () => StoreUnderTest): void {
  it("claims an id once: a second claim sees it processing, with the lease left", async () => {
    const { store, leaseMs, id } = setup();
    const eventId = id("once");
    const first = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    expect(first).toMatchObject({ state: "new", parts: {} });
    const second = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    expect(second.state).toBe("processing");
    if (second.state !== "processing") return;
    expect(second.retryAfterMs).toBeGreaterThan(0);
    expect(second.retryAfterMs).toBeLessThanOrEqual(leaseMs);
  });

  it("frees a claim whose lease expired; the old owner then cannot renew, complete or release it", async () => {
    const { store, leaseMs, advance, id } = setup();
    const eventId = id("expired");
    const crashed = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    await advance(leaseMs * 1.5);
    const retry = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    expect(retry.state).toBe("new");
    if (crashed.state !== "new" || retry.state !== "new") return;
    expect(retry.token).not.toBe(crashed.token);
    expect(await store.renew(eventId, crashed.token, leaseMs)).toBe(false);
    expect(await store.complete(eventId, crashed.token, { messageIds: ["stale"], usedTemplate: true }, TTL)).toBe(
      false,
    );
    await store.release(eventId, crashed.token);
    // The new owner's lease stands, and its outcome is the one recorded.
    expect((await store.begin(eventId, { leaseMs, ttlMs: TTL })).state).toBe("processing");
    expect(await store.complete(eventId, retry.token, outcome, TTL)).toBe(true);
    expect(await store.begin(eventId, { leaseMs, ttlMs: TTL })).toEqual({ state: "done", outcome });
  });

  it("keeps a renewed lease past its first term", async () => {
    const { store, leaseMs, advance, id } = setup();
    const eventId = id("renewed");
    const claim = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    if (claim.state !== "new") throw new Error("not claimed");
    await advance(leaseMs * 0.6);
    expect(await store.renew(eventId, claim.token, leaseMs)).toBe(true);
    await advance(leaseMs * 0.6);
    expect((await store.begin(eventId, { leaseMs, ttlMs: TTL })).state).toBe("processing");
  });

  it("keeps the sent parts across a release and a lease expiry; the first record of a part wins", async () => {
    const { store, leaseMs, advance, id } = setup();
    const eventId = id("parts");
    const first = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    if (first.state !== "new") throw new Error("not claimed");
    await store.recordPart(eventId, "sendText:a:0", "wamid.text", TTL);
    await store.recordPart(eventId, "sendText:a:0", "wamid.other", TTL);
    await store.release(eventId, first.token);
    const second = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    expect(second).toMatchObject({ state: "new", parts: { "sendText:a:0": "wamid.text" } });
    await store.recordPart(eventId, "sendContacts:a:0", "wamid.card", TTL);
    await advance(leaseMs * 1.5);
    expect(await store.begin(eventId, { leaseMs, ttlMs: TTL })).toMatchObject({
      state: "new",
      parts: { "sendText:a:0": "wamid.text", "sendContacts:a:0": "wamid.card" },
    });
  });

  it("answers a done event with its outcome, and nobody can take it again", async () => {
    const { store, leaseMs, advance, id } = setup();
    const eventId = id("done");
    const claim = await store.begin(eventId, { leaseMs, ttlMs: TTL });
    if (claim.state !== "new") throw new Error("not claimed");
    expect(await store.complete(eventId, claim.token, outcome, TTL)).toBe(true);
    expect(await store.renew(eventId, claim.token, leaseMs)).toBe(false);
    await advance(leaseMs * 1.5);
    expect(await store.begin(eventId, { leaseMs, ttlMs: TTL })).toEqual({ state: "done", outcome });
  });
}
