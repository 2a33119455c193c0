// The relay on a real Redis Cluster (three masters of our own, scripts/faults/redis-cluster.ts):
// the idempotency store's whole contract, then two relay processes configured by REDIS_CLUSTER_NODES.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterBinariesAvailable,
  startRedisCluster,
  type TestRedisCluster,
} from "../../../../scripts/faults/redis-cluster.ts";
import { type GraphStandIn, startGraphStandIn } from "../../../delivery-bot/src/simulator/graph-stand-in.ts";
import { loadRelayConfig } from "../config.ts";
import { RedisIdempotencyStore } from "../idempotency/redis-store.ts";
import { storeContract } from "../idempotency/store-contract.ts";
import { type RunningRelay, startRelay } from "../server.ts";
import { signEvent } from "../signature.ts";
import { acceptedMission } from "./fixtures.ts";

const available = await clusterBinariesAvailable();
const SECRET = "relay-cluster-secret-0123456789";

describe.skipIf(!available)("notification relay on a Redis Cluster (3 masters)", () => {
  let cluster: TestRedisCluster;
  let admin: Cluster;
  let graph: GraphStandIn;
  const relays: RunningRelay[] = [];
  const run = randomBytes(4).toString("hex");

  beforeAll(async () => {
    cluster = await startRedisCluster();
    admin = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    admin.on("error", () => {});
    graph = await startGraphStandIn({ accessToken: "EAAG-int", phoneNumberId: "888" });
  });
  afterAll(async () => {
    for (const r of relays) await r.close();
    await graph?.close();
    admin?.disconnect();
    await cluster?.close();
  });

  describe("RedisIdempotencyStore", () => {
    let n = 0;
    storeContract(() => ({
      store: new RedisIdempotencyStore(admin, `toktok:relay-cl:${run}:`),
      leaseMs: 200,
      advance: (ms) => sleep(ms),
      id: (name) => `${name}-${++n}`,
    }));
  });

  const post = (relay: RunningRelay, body: string) =>
    fetch(`${relay.url}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signEvent(SECRET, body) },
      body,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; messageIds?: string[] } }));

  it("two relays on REDIS_CLUSTER_NODES send each event once, report the cluster healthy, keys on every master", async () => {
    const config = loadRelayConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      RELAY_SECRET: SECRET,
      WHATSAPP_TOKEN: "EAAG-int",
      WHATSAPP_PHONE_NUMBER_ID: "888",
      WHATSAPP_API_BASE_URL: graph.url,
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      IDEMPOTENCY_TTL_MS: "120000",
      LOG_LEVEL: "silent",
    });
    for (let i = 0; i < 2; i++) relays.push(await startRelay(config));
    expect(relays.every((r) => r.idempotency === "redis")).toBe(true);
    for (const relay of relays) {
      const health = await fetch(`${relay.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", checks: { redis: "ok" } });
    }
    const events = Array.from({ length: 12 }, (_, i) => ({
      eventId: `it-${run}-${i}`,
      type: "mission.status_changed",
      mission: acceptedMission(String(i % 10)), // one digit: the fixture builds +24206111000<n>
    }));
    for (const event of events) {
      const body = JSON.stringify(event);
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => post(relays[i % 2] as RunningRelay, body)));
      expect(
        answers.filter((a) => a.body.status === "sent"),
        JSON.stringify(answers),
      ).toHaveLength(1);
    }
    const holding = await Promise.all(admin.nodes("master").map((node) => node.keys(`toktok:relay:event:it-${run}-*`)));
    expect(holding.flat()).toHaveLength(events.length);
    expect(holding.filter((keys) => keys.length > 0).length).toBe(3);
  });
});
