import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import { MemoryBackend } from "../backend/memory-backend.js";
import { createFlowEngine, type FlowEngine } from "../engine/engine.js";
import { defineFlow } from "../engine/types.js";
import { LockTimeoutError } from "../errors.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import type { InboundMessage } from "../messaging/inbound.js";
import { reply } from "../messaging/reply.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { RedisUserLock } from "./redis-lock.js";
import { RedisSessionStore } from "./redis-store.js";
import type { Session } from "./types.js";

const prefix = `test:flows:${randomUUID()}:`;
let redis: Redis;

const text = (id: string, from: string, body: string): InboundMessage => ({
  id,
  from,
  message: { type: "text", text: body },
});

describeWithRedis("RedisSessionStore and RedisUserLock (real Redis)", () => {
  beforeAll(() => {
    redis = new Redis(services().redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const session = (userId: string): Session => ({ userId, updatedAt: 1, processed: [] });

  it("writes with compare-and-set on the version and expires sessions", async () => {
    const store = new RedisSessionStore({ client: redis, prefix, ttlMs: 60_000 });
    expect(await store.load("u1")).toBeUndefined();
    expect(await store.save("u1", session("u1"), 0)).toBe(true);
    expect(await store.save("u1", session("u1"), 0)).toBe(false);
    const loaded = await store.load("u1");
    expect(loaded?.version).toBe(1);
    expect(await store.save("u1", { ...session("u1"), processed: ["a"] }, 1)).toBe(true);
    expect((await store.load("u1"))?.session.processed).toEqual(["a"]);
    const ttl = await redis.pttl(`${prefix}session:u1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.delete("u1");
    expect(await store.load("u1")).toBeUndefined();
  });

  it("shares one conversation between two engine instances (two bot processes)", async () => {
    const backend = new MemoryBackend();
    const messenger = new RecordingMessenger();
    const make = (): FlowEngine =>
      createFlowEngine({
        messenger,
        flows: [courierFlow({ backend })],
        store: new RedisSessionStore({ client: redis, prefix }),
        lock: new RedisUserLock({ client: redis, prefix }),
      });
    const a = make();
    const b = make();
    const user = "242061230001";
    await a.handle(text("m1", user, "envoyer un colis"));
    const second = await b.handle(text("m2", user, "Poto-Poto"));
    expect(JSON.stringify(second.replies)).toContain("Étape 2/6");
    // The same message delivered to the other process is ignored.
    expect((await a.handle(text("m2", user, "Poto-Poto"))).status).toBe("duplicate");
    const third = await a.handle(text("m3", user, "Bacongo"));
    expect(JSON.stringify(third.replies)).toContain("Étape 3/6");
  });

  it("never loses an update when three processes handle one user's messages at once", async () => {
    // Each message adds one to a counter; a lost update would leave it short.
    const counter = defineFlow<{ count: number }>({
      id: "counter",
      intents: ["courier"],
      start: () => ({ count: 0 }),
      steps: [
        {
          id: "tick",
          prompt: ({ data }) => reply.text(`count ${data.count}`),
          parse: (_input, { data }) => ({ ok: true, set: { count: (data.count ?? 0) + 1 }, goto: "tick" }),
        },
      ],
      complete: () => reply.text("done"),
    });
    const messenger = new RecordingMessenger();
    const engines = [0, 1, 2].map(() =>
      createFlowEngine({
        messenger,
        flows: [counter],
        store: new RedisSessionStore({ client: redis, prefix }),
        lock: new RedisUserLock({ client: redis, prefix }),
      }),
    );
    const user = "242061230002";
    await engines[0]?.handle(text("c0", user, "envoyer un colis"));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => engines[i % 3]?.handle(text(`c${i + 1}`, user, `tick ${i}`))),
    );
    expect(results.every((r) => r?.status === "handled")).toBe(true);
    const stored = await new RedisSessionStore({ client: redis, prefix }).load(user);
    expect(stored?.session.flow?.data.count).toBe(30);
    // Two writes a message: the turn with its replies, then the outbox emptied once they were sent.
    expect(stored?.version).toBe(62);
  });

  it("detects lost updates by version and re-runs the message, even without the lock", async () => {
    const counter = defineFlow<{ count: number }>({
      id: "counter",
      intents: ["courier"],
      start: () => ({ count: 0 }),
      steps: [
        {
          id: "tick",
          prompt: ({ data }) => reply.text(`count ${data.count}`),
          parse: (_input, { data }) => ({ ok: true, set: { count: (data.count ?? 0) + 1 }, goto: "tick" }),
        },
      ],
      complete: () => reply.text("done"),
    });
    const messenger = new RecordingMessenger();
    const engines = [0, 1, 2].map(() =>
      createFlowEngine({
        messenger,
        flows: [counter],
        store: new RedisSessionStore({ client: redis, prefix }),
        maxWriteRetries: 50,
      }),
    );
    const user = "242061230003";
    await engines[0]?.handle(text("n0", user, "envoyer un colis"));
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => engines[i % 3]?.handle(text(`n${i + 1}`, user, `tick ${i}`))),
    );
    // Without the lock a message can wait behind replies another process is sending ("queued"):
    // the job queue handles it a moment later.
    expect(results.every((r) => r?.status === "handled" || r?.status === "queued")).toBe(true);
    const store = new RedisSessionStore({ client: redis, prefix });
    await expect.poll(async () => (await store.load(user))?.session.flow?.data.count, { timeout: 10_000 }).toBe(15);
    await expect.poll(async () => (await store.load(user))?.session.outbox, { timeout: 10_000 }).toBeUndefined();
    // One reply per message: a message re-run after a conflict, or an outbox seen by two processes, never sent twice.
    expect(messenger.to(user)).toHaveLength(16);
  });

  it("times out waiting for a lock another process holds, and frees it only with the holder's token", async () => {
    const lock = new RedisUserLock({ client: redis, prefix, ttlMs: 5_000, waitMs: 50 });
    const release = await lock.acquire("u-locked");
    const error = await lock.acquire("u-locked").catch((e: unknown) => e);
    expect(LockTimeoutError.isInstance(error)).toBe(true);
    await redis.set(`${prefix}lock:u-other`, "someone-else", "PX", 5_000);
    await release();
    expect(await redis.get(`${prefix}lock:u-other`)).toBe("someone-else");
    const again = await lock.acquire("u-locked");
    await again();
  });
});
