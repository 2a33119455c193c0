// The Redis-backed parts of @toktok/flows on a real Redis Cluster: three masters of our own
// (scripts/faults/redis-cluster.ts), one cluster for the whole file.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  clusterBinariesAvailable,
  startRedisCluster,
  type TestRedisCluster,
} from "../../../scripts/faults/redis-cluster.js";
import { BullMqJobQueue } from "./bullmq/bullmq-job-queue.js";
import { RedisMailbox } from "./delivery/redis-mailbox.js";
import { FlowsValidationError } from "./errors.js";
import type { InboundMessage } from "./messaging/inbound.js";
import { RedisUserLock } from "./sessions/redis-lock.js";
import { RedisSessionStore } from "./sessions/redis-store.js";
import type { Session } from "./sessions/types.js";

const available = await clusterBinariesAvailable();
const users = Array.from({ length: 24 }, (_, i) => `2420612345${String(i).padStart(2, "0")}`);
const text = (id: string, from: string): InboundMessage => ({ id, from, message: { type: "text", text: id } });

describe.skipIf(!available)("@toktok/flows on a Redis Cluster (3 masters)", () => {
  let cluster: TestRedisCluster;
  const clients: Cluster[] = [];
  const open = () => {
    const client = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    client.on("error", () => {});
    clients.push(client);
    return client;
  };
  // How many masters hold at least one key matching `pattern`.
  const mastersHolding = async (client: Cluster, pattern: string) =>
    (await Promise.all(client.nodes("master").map((node) => node.keys(pattern)))).filter((keys) => keys.length > 0)
      .length;

  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await cluster?.close();
  });

  it("RedisSessionStore: compare-and-set per user, users spread over every master", async () => {
    const [a, b] = [open(), open()];
    const storeA = new RedisSessionStore({ client: a, prefix: "cl:" });
    const storeB = new RedisSessionStore({ client: b, prefix: "cl:" });
    const session = (step: string) => ({ flow: "courier", step, data: {} }) as unknown as Session;
    for (const user of users) {
      expect(await storeA.save(user, session("pickup"), 0)).toBe(true);
      expect(await storeB.save(user, session("late"), 0)).toBe(false); // the other process lost the race
      const loaded = await storeB.load(user);
      expect(loaded?.version).toBe(1);
      expect(await storeB.save(user, session("destination"), 1)).toBe(true);
    }
    expect(await mastersHolding(a, "cl:session:*")).toBe(3);
    await storeA.delete(users[0] as string);
    expect(await storeB.load(users[0] as string)).toBeUndefined();
  });

  it("RedisUserLock: one holder per user across processes, users in parallel on different masters", async () => {
    const locks = [open(), open()].map((client) => new RedisUserLock({ client, prefix: "cl:", waitMs: 5_000 }));
    const inside = new Map<string, number>();
    let overlaps = 0;
    await Promise.all(
      users.flatMap((user) =>
        [0, 1, 2, 3].map(async (i) => {
          const release = await (locks[i % 2] as RedisUserLock).acquire(user);
          const n = (inside.get(user) ?? 0) + 1;
          inside.set(user, n);
          if (n > 1) overlaps++;
          await sleep(5);
          inside.set(user, (inside.get(user) ?? 1) - 1);
          await release();
        }),
      ),
    );
    expect(overlaps).toBe(0);
  });

  it("RedisMailbox: each user's messages in order, redeliveries refused, users on every master", async () => {
    const [a, b] = [open(), open()];
    const mailboxA = new RedisMailbox({ client: a, prefix: "cl:" });
    const mailboxB = new RedisMailbox({ client: b, prefix: "cl:" });
    // One delivery holding every user: one script per user, each on its own slot.
    const first = users.flatMap((u) => [text(`${u}-1`, u), text(`${u}-2`, u)]);
    expect(await mailboxA.append(first)).toBe(first.length);
    expect(await mailboxB.append([...first.slice(0, 4), ...users.map((u) => text(`${u}-3`, u))])).toBe(users.length);
    expect(await mastersHolding(a, "cl:inbox:*")).toBe(3);
    for (const user of users) {
      const seen: string[] = [];
      for (let head = await mailboxB.peek(user); head; head = await mailboxB.peek(user)) {
        seen.push(head.id);
        await (seen.length % 2 ? mailboxA : mailboxB).ack(user, head.id);
      }
      expect(seen).toEqual([`${user}-1`, `${user}-2`, `${user}-3`]);
    }
  });

  it("BullMqJobQueue refuses a Cluster connection whose prefix has no hash tag", () => {
    const client = open();
    expect(() => new BullMqJobQueue({ connection: client, prefix: "toktok" })).toThrow(FlowsValidationError);
    expect(() => new BullMqJobQueue({ connection: client })).toThrow(/prefix: on Redis Cluster/);
    expect(() => new BullMqJobQueue({ connection: client, prefix: "{}" })).toThrow(FlowsValidationError);
  });

  it("BullMqJobQueue with a {hash tag} prefix: runs every job, retries later on retryInMs, counts", async () => {
    const client = open();
    const jobs = new BullMqJobQueue({
      connection: client,
      prefix: `{cl-${randomUUID().slice(0, 8)}}`,
      retryBaseMs: 50,
    });
    try {
      const runs = new Map<string, number>();
      jobs.process(async (key) => {
        const n = (runs.get(key) ?? 0) + 1;
        runs.set(key, n);
        if (key === users[0] && n === 1) return { retryInMs: 300 };
        if (key === users[1] && n === 1) throw new Error("store down");
        return undefined;
      });
      await Promise.all(users.map((user) => jobs.schedule(user)));
      await vi.waitFor(() => expect(runs.size).toBe(users.length), { timeout: 10_000 });
      await vi.waitFor(() => expect(runs.get(users[0] as string)).toBe(2), { timeout: 5_000 });
      await vi.waitFor(() => expect(runs.get(users[1] as string)).toBe(2), { timeout: 5_000 });
      await vi.waitFor(
        async () => expect(await jobs.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 }),
        { timeout: 5_000 },
      );
    } finally {
      await jobs.close();
    }
    // The caller's cluster is still usable: the queue closed only what it opened.
    expect(await client.set("cl:after-close", "1")).toBe("OK");
  });
});
