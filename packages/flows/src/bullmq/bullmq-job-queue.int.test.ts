import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { WhatsAppApiError } from "@toktok/whatsapp-client";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { type FaultyRedis, startFaultyRedis } from "../../../../scripts/faults/redis-server.js";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import { MemoryBackend } from "../backend/memory-backend.js";
import { RedisMailbox } from "../delivery/redis-mailbox.js";
import { createFlowEngine } from "../engine/engine.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import type { InboundMessage } from "../messaging/inbound.js";
import { RedisUserLock } from "../sessions/redis-lock.js";
import { RedisSessionStore } from "../sessions/redis-store.js";
import { FlakyMessenger } from "../test-support/delivery-doubles.js";
import { textOf } from "../testing/recording-messenger.js";
import { BullMqJobQueue, type BullMqJobQueueOptions } from "./bullmq-job-queue.js";

// BullMQ writes `<prefix>:<queue name>:*`: one prefix for this file, removed after.
const prefix = `test-flows-bullmq-${randomUUID()}`;
let redis: Redis;
const opened: BullMqJobQueue[] = [];

function connectionOf(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
  };
}

/** A queue of its own per test (a fresh name), closed after the test. */
function queue(options: Partial<BullMqJobQueueOptions> = {}): BullMqJobQueue {
  const q = new BullMqJobQueue({
    connection: connectionOf(services().redisUrl),
    prefix,
    name: `q-${randomUUID()}`,
    retryBaseMs: 50,
    ...options,
  });
  opened.push(q);
  return q;
}

const idle = { waiting: 0, delayed: 0, active: 0, failed: 0 };

describeWithRedis("BullMqJobQueue (real Redis)", () => {
  beforeAll(() => {
    redis = new Redis(services().redisUrl, { maxRetriesPerRequest: 1 });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("hands every scheduled key to the handler, and the queue empties", async () => {
    const jobs = queue();
    const seen: string[] = [];
    jobs.process(async (key) => {
      seen.push(key);
      return undefined;
    });
    await Promise.all(["242061", "242062", "242063"].map((key) => jobs.schedule(key)));
    await vi.waitFor(() => expect([...seen].sort()).toEqual(["242061", "242062", "242063"]), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await jobs.counts()).toEqual(idle), { timeout: 5_000 });
  });

  it("moves a run that asks for retryInMs to the delayed set and runs it again after about that delay", async () => {
    const jobs = queue();
    const started: number[] = [];
    jobs.process(async () => {
      started.push(Date.now());
      return started.length === 1 ? { retryInMs: 500 } : undefined;
    });
    await jobs.schedule("242061");
    await vi.waitFor(async () => expect(await jobs.counts()).toEqual({ ...idle, delayed: 1 }), { timeout: 5_000 });
    expect(started).toHaveLength(1);
    await vi.waitFor(() => expect(started).toHaveLength(2), { timeout: 5_000 });
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(490);
    await vi.waitFor(async () => expect(await jobs.counts()).toEqual(idle), { timeout: 5_000 });
  });

  it("retries a rejecting run with backoff until it succeeds, and keeps it out of the dead letters", async () => {
    const jobs = queue({ retryBaseMs: 100, retryMaxMs: 1_000 });
    const started: number[] = [];
    jobs.process(async () => {
      started.push(Date.now());
      if (started.length < 3) throw new Error("store down");
      return undefined;
    });
    await jobs.schedule("242061");
    await vi.waitFor(() => expect(started).toHaveLength(3), { timeout: 5_000 });
    // Equal jitter: at least half of 100 ms, then half of 200 ms.
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(50);
    expect((started[2] ?? 0) - (started[1] ?? 0)).toBeGreaterThanOrEqual(100);
    await vi.waitFor(async () => expect(await jobs.counts()).toEqual(idle), { timeout: 5_000 });
  });

  it("counts waiting, delayed and dead-letter jobs", async () => {
    const jobs = queue();
    await jobs.schedule("now");
    await jobs.schedule("later", 60_000);
    expect(await jobs.counts()).toEqual({ ...idle, waiting: 1, delayed: 1 });

    const failing = queue({ maxAttempts: 2, retryBaseMs: 10 });
    failing.process(async () => {
      throw new Error("a bug");
    });
    await failing.schedule("242061");
    await vi.waitFor(async () => expect(await failing.counts()).toEqual({ ...idle, failed: 1 }), { timeout: 5_000 });
  });

  it("applies its schema's defaults: queue toktok-flows, 100 attempts, dead letters kept 7 days", async () => {
    const defaults = new BullMqJobQueue({ connection: connectionOf(services().redisUrl), prefix });
    opened.push(defaults);
    await defaults.schedule("242061");
    const reader = new Queue("toktok-flows", { connection: connectionOf(services().redisUrl), prefix });
    try {
      const [job] = await reader.getJobs(["waiting"]);
      expect(job?.data).toEqual({ key: "242061" });
      expect(job?.opts).toMatchObject({ attempts: 100, removeOnFail: { age: 7 * 24 * 3_600 } });
    } finally {
      await reader.obliterate({ force: true });
      await reader.close();
    }
  });

  it("shares the work between two processes, each key processed once", async () => {
    const name = `q-${randomUUID()}`;
    const one = queue({ name, concurrency: 1 });
    const two = queue({ name, concurrency: 1 });
    const byProcess: Record<"one" | "two", string[]> = { one: [], two: [] };
    const worker = (who: "one" | "two") => async (key: string) => {
      byProcess[who].push(key);
      await sleep(30);
      return undefined;
    };
    one.process(worker("one"));
    two.process(worker("two"));
    const keys = Array.from({ length: 12 }, (_, i) => `2420600000${String(i).padStart(2, "0")}`);
    for (const key of keys) await one.schedule(key);
    await vi.waitFor(() => expect([...byProcess.one, ...byProcess.two].sort()).toEqual(keys), { timeout: 5_000 });
    expect(byProcess.one.length).toBeGreaterThan(0);
    expect(byProcess.two.length).toBeGreaterThan(0);
  });

  it("close() lets the running job finish, then takes no more", async () => {
    const name = `q-${randomUUID()}`;
    const jobs = queue({ name });
    const seen: string[] = [];
    let finished = false;
    jobs.process(async (key) => {
      seen.push(key);
      await sleep(200);
      finished = true;
      return undefined;
    });
    await jobs.schedule("first");
    await vi.waitFor(() => expect(seen).toEqual(["first"]), { timeout: 5_000 });
    await jobs.close();
    expect(finished).toBe(true);

    const producer = queue({ name });
    await producer.schedule("second");
    await sleep(300);
    expect(seen).toEqual(["first"]);
    expect(await producer.counts()).toEqual({ ...idle, waiting: 1 });
  });
});

describeWithRedis("the engine on Redis through a Redis outage (private redis-server)", () => {
  let dir: string | undefined;
  let server: FaultyRedis | undefined;
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("answers every message exactly once after Redis was killed and Graph failed, without a restart", async () => {
    dir = await mkdtemp(join(tmpdir(), "toktok-flows-redis-"));
    const redisServer = await startFaultyRedis({ persist: { dir } });
    server = redisServer;
    // Reconnect forever; commands wait for the connection instead of failing.
    const redisOptions = { retryStrategy: () => 200, maxRetriesPerRequest: null };
    const client = new Redis(redisServer.url, redisOptions);
    client.on("error", () => {});
    const jobs = new BullMqJobQueue({
      connection: { host: "127.0.0.1", port: redisServer.port, retryStrategy: () => 200 },
      retryBaseMs: 100,
      retryMaxMs: 500,
    });
    const messenger = new FlakyMessenger();
    const recover = messenger.failWhen(
      () => true,
      new WhatsAppApiError({ status: 503, code: 0, message: "Service Unavailable" }),
    );
    const engine = createFlowEngine({
      messenger,
      flows: [courierFlow({ backend: new MemoryBackend() })],
      store: new RedisSessionStore({ client }),
      lock: new RedisUserLock({ client }),
      mailbox: new RedisMailbox({ client }),
      jobs,
      delivery: { retryBaseMs: 100, retryMaxMs: 500 },
    });
    const users = Array.from({ length: 5 }, (_, i) => `24206555000${i}`);
    const say = (body: string, round: number): InboundMessage[] =>
      users.map((from) => ({ id: `wamid.${round}.${from}`, from, message: { type: "text", text: body } }));
    try {
      await engine.accept(say("envoyer un colis", 1));
      await vi.waitFor(() => expect(engine.stats().handled).toBe(5), { timeout: 10_000 });
      await vi.waitFor(() => expect(messenger.failures).toBeGreaterThanOrEqual(10), { timeout: 10_000 });
      expect(messenger.sent).toEqual([]);

      // Redis dies with every reply still in an outbox; Graph comes back while Redis is away.
      await redisServer.kill();
      await sleep(1_500);
      recover();
      await sleep(1_500);
      await redisServer.start();

      await vi.waitFor(() => expect(messenger.sent).toHaveLength(5), { timeout: 10_000 });
      // The webhook's next deliveries: recorded once the producer reconnected (until then
      // accept() rejects and Meta would deliver again, which the mailbox de-duplicates).
      const next = say("Poto-Poto", 2);
      await vi.waitFor(() => engine.accept(next), { timeout: 10_000, interval: 100 });
      await vi.waitFor(() => expect(messenger.sent).toHaveLength(10), { timeout: 10_000 });
      await sleep(500);
      for (const user of users) {
        const texts = messenger.to(user).map(textOf);
        expect(texts).toHaveLength(2);
        expect(texts[0]).toContain("Étape 1/6");
        expect(texts[1]).toContain("Étape 2/6");
      }
      expect(engine.stats()).toMatchObject({ handled: 10, sent: 10, deadLetters: 0 });
    } finally {
      await engine.close();
      client.disconnect();
    }
  }, 30_000);
});
