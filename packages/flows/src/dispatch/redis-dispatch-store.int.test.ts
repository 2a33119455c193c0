import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.js";
import type { Driver, Mission } from "../backend/types.js";
import { ManualJobQueue } from "../test-support/delivery-doubles.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createDispatcher, type DispatchBackend } from "./dispatcher.js";
import { RedisDispatchStore } from "./redis-dispatch-store.js";

const prefix = `test:flows-dispatch:${randomUUID()}:`;
const clients: Redis[] = [];
const connect = () => {
  const c = new Redis(services().redisUrl, { maxRetriesPerRequest: 1 });
  clients.push(c);
  return c;
};

const pending = (id: string): Mission => ({
  id,
  reference: `COUR-${id}`,
  clientPhone: "242069990000",
  pickup: { latitude: -4.2634, longitude: 15.2832 },
  destination: { latitude: -4.2756, longitude: 15.2555 },
  parcelValue: 0,
  description: "colis",
  recipient: { name: "Marie", phone: "242068880000" },
  price: 2000,
  status: "pending",
  history: [],
  createdAt: new Date().toISOString(),
});

/** A backend with no conflict check of its own: only dispatch's claim keeps a mission to one driver. */
function trustingBackend(accepted: Array<{ id: string; driver: string }>): DispatchBackend {
  return {
    missions: {
      get: async (id) => pending(id),
      accept: async (id, driver) => {
        accepted.push({ id, driver: driver.id });
        return { ...pending(id), status: "accepted", driver };
      },
    },
  };
}

describeWithRedis("RedisDispatchStore (real Redis)", () => {
  beforeAll(() => {
    connect();
  });
  afterAll(async () => {
    const keys = await clients[0]?.keys(`${prefix}*`);
    if (keys?.length) await clients[0]?.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("gives each mission to exactly one driver when two processes accept it at once", async () => {
    const accepted: Array<{ id: string; driver: string }> = [];
    // Two dispatchers, each with its own connection: two bot processes sharing one Redis.
    const make = () =>
      createDispatcher({
        backend: trustingBackend(accepted),
        store: new RedisDispatchStore({ client: connect(), prefix }),
        timers: new ManualJobQueue(() => {}),
        messenger: new RecordingMessenger(),
      });
    const [one, two] = [make(), make()];
    const a: Driver = { id: "driver-a", name: "A", phone: "242060000001" };
    const b: Driver = { id: "driver-b", name: "B", phone: "242060000002" };
    const missions = Array.from({ length: 25 }, () => randomUUID());
    const outcomes = await Promise.all(missions.map(async (id) => Promise.all([one.accept(id, a), two.accept(id, b)])));
    for (const pair of outcomes) expect(pair.map((o) => o.outcome).sort()).toEqual(["assigned", "taken"]);
    expect(accepted).toHaveLength(missions.length);
    expect(new Set(accepted.map((x) => x.id)).size).toBe(missions.length);
  });

  it("shares driver presence and offers between processes, and 'once' holds across them", async () => {
    const s1 = new RedisDispatchStore({ client: connect(), prefix });
    const s2 = new RedisDispatchStore({ client: connect(), prefix });
    const driver: Driver = { id: "driver-c", name: "C", phone: "242060000003" };
    await s1.putDriver({ driver, online: true, location: { latitude: -4.26, longitude: 15.28 } });
    expect(await s2.driver("driver-c")).toMatchObject({ online: true, location: { latitude: -4.26 } });
    expect((await s2.drivers()).map((d) => d.driver.id)).toContain("driver-c");
    await s1.markOffered("m-1", ["driver-c", "driver-d"], 60_000);
    expect((await s2.offered("m-1")).sort()).toEqual(["driver-c", "driver-d"]);
    await s1.putPromise("m-1", { acceptedAt: "2026-11-19T09:00:00.000Z", dueAt: "2026-11-19T09:18:00.000Z" }, 60_000);
    expect(await s2.promise("m-1")).toEqual({
      acceptedAt: "2026-11-19T09:00:00.000Z",
      dueAt: "2026-11-19T09:18:00.000Z",
    });
    const firsts = await Promise.all([s1.once("late:m-1", 60_000), s2.once("late:m-1", 60_000)]);
    expect(firsts.filter(Boolean)).toHaveLength(1);
  });

  it("skips a corrupt driver entry instead of failing dispatch", async () => {
    const client = connect();
    await client.hset(`${prefix}dispatch:drivers`, "broken", "{not json");
    const store = new RedisDispatchStore({ client, prefix });
    expect((await store.drivers()).some((d) => d.driver.id === "broken")).toBe(false);
    expect(await store.driver("broken")).toBeUndefined();
  });
});
