// Several bot instances on one Redis Cluster (three masters of our own, scripts/faults/redis-cluster.ts):
// webhooks spread at random across them, one instance closed mid-run. Every message is answered exactly
// once and each customer's replies come in order. The de-duplication store and /healthz on the cluster too.
import { randomBytes, randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryBackend } from "@toktok/flows";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterBinariesAvailable,
  startRedisCluster,
  type TestRedisCluster,
} from "../../../../scripts/faults/redis-cluster.ts";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { RedisDedupeStore } from "../bot/redis.ts";
import { loadConfig } from "../config/env.ts";
import type { RunningServer } from "../server/listen.ts";
import { type GraphStandIn, type OutboundMessage, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type SignedDelivery, type WebhookSigner } from "../simulator/webhook-signer.ts";

const available = await clusterBinariesAvailable();
const secrets = { token: "EAAG-cluster", appSecret: randomBytes(8).toString("hex"), phoneNumberId: "555000333" };

// The courier dialogue to its confirmation, as a customer types it (sent without waiting for the answers).
const script = (signer: WebhookSigner, from: string): SignedDelivery[] => [
  signer.text({ from, name: "Grâce" }, "je veux envoyer un colis"),
  signer.location({ from, name: "Grâce" }, { latitude: -4.2634, longitude: 15.2429 }),
  signer.text({ from, name: "Grâce" }, "Rond-point Moungali"),
  signer.text({ from, name: "Grâce" }, "15000"),
  signer.text({ from, name: "Grâce" }, "Deux pagnes"),
  signer.text({ from, name: "Grâce" }, "Marie Okemba"),
  signer.text({ from, name: "Grâce" }, "06 123 4567"),
  signer.buttonReply({ from, name: "Grâce" }, { id: "courier:confirm", title: "✅ Confirmer" }),
];

// What a customer sees of a reply, without what differs between customers (numbers, ids).
const shape = (m: OutboundMessage): string => `${m.type}:${JSON.stringify(m.body).replace(/\d+/g, "#")}`;

describe.skipIf(!available)("delivery bot: three instances on a Redis Cluster (3 masters)", () => {
  let cluster: TestRedisCluster;
  let graph: GraphStandIn;
  let signer: WebhookSigner;
  const backend = new MemoryBackend(); // your API, shared by the instances (as HttpBackend would be)
  const bots: Bot[] = [];
  const servers: RunningServer[] = [];
  const live = new Set<number>();
  let admin: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    admin = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    admin.on("error", () => {});
    graph = await startGraphStandIn({ accessToken: secrets.token, phoneNumberId: secrets.phoneNumberId });
    signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId: secrets.phoneNumberId });
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      WHATSAPP_TOKEN: secrets.token,
      WHATSAPP_PHONE_NUMBER_ID: secrets.phoneNumberId,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: "it",
      WHATSAPP_API_BASE_URL: graph.url,
      WHATSAPP_THROUGHPUT: "1000",
      REDIS_CLUSTER_NODES: cluster.nodesEnv,
      LOG_LEVEL: "silent",
    });
    for (let i = 0; i < 3; i++) {
      const bot = await createBot({ config, backend, env: {} });
      bots.push(bot);
      servers.push(await bot.listen());
      live.add(i);
    }
  });
  afterAll(async () => {
    for (const i of live) await bots[i]?.close();
    await graph?.close();
    admin?.disconnect();
    await cluster?.close();
  });

  const post = async (i: number, delivery: SignedDelivery) => {
    const res = await fetch(`${(servers[i] as RunningServer).url}/webhook`, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    await res.arrayBuffer();
    return res.status;
  };
  const anyLive = () => {
    const ids = [...live];
    return ids[randomInt(0, ids.length)] as number;
  };
  // As Meta does: a delivery that got no 200 (a reset connection, a 503) is delivered again, here at
  // once and to a random live instance.
  const deliver = async (delivery: SignedDelivery): Promise<void> => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const status = await post(anyLive(), delivery).catch(() => 0);
      if (status === 200) return;
    }
    throw new Error("a delivery was refused 10 times");
  };
  const settle = async () => {
    for (const i of live) await bots[i]?.drain();
  };
  const repliesTo = (waId: string) => graph.messages.filter((m) => m.to === waId);

  it("each instance reports the cluster on /healthz, every master up", async () => {
    expect(bots.every((b) => b.services.redis)).toBe(true);
    for (const server of servers) {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: "ok",
        ready: true,
        checks: { redis: "ok" },
        redis: { mode: "cluster", masters: 3, mastersUp: 3 },
      });
    }
  });

  it("RedisDedupeStore on the cluster: one claim per key across clients, released keys claimable, keys on every master", async () => {
    const other = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    other.on("error", () => {});
    try {
      const prefix = `it-dedupe-${randomBytes(3).toString("hex")}:`;
      const [a, b] = [new RedisDedupeStore(admin, prefix), new RedisDedupeStore(other, prefix)];
      const keys = Array.from({ length: 30 }, (_, i) => `wamid.${i}`);
      const claims = await Promise.all(keys.flatMap((k) => [a.claim(k, 60_000), b.claim(k, 60_000)]));
      expect(claims.filter(Boolean)).toHaveLength(keys.length);
      const holding = await Promise.all(admin.nodes("master").map((node) => node.keys(`${prefix}*`)));
      expect(holding.flat()).toHaveLength(keys.length);
      expect(holding.filter((k) => k.length > 0)).toHaveLength(3);
      expect(await admin.pttl(`${prefix}${keys[0]}`)).toBeGreaterThan(50_000);
      await b.release(keys[0] as string);
      expect(await a.claim(keys[0] as string, 60_000)).toBe(true);
    } finally {
      other.disconnect();
    }
  });

  it("webhooks spread at random, one instance closed mid-run: every message answered once, in order", async () => {
    // The replies one customer gets when nothing else happens: the reference for everyone below.
    const reference = `24206${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
    for (const delivery of script(signer, reference)) {
      expect(await post(0, delivery)).toBe(200);
      await settle();
    }
    const expected = repliesTo(reference).map(shape);
    expect(expected.length).toBeGreaterThanOrEqual(8);
    // The request's confirmation, then the one marketing-consent question a first-time customer gets.
    expect(JSON.stringify(repliesTo(reference).at(-2)?.body)).toMatch(/Demande envoyée/);
    expect(JSON.stringify(repliesTo(reference).at(-1)?.body)).toMatch(/Voulez-vous recevoir nos offres/);

    const customers = Array.from({ length: 15 }, (_, i) => `24205${String(1_000_000 + i * 7_919).padStart(7, "0")}`);
    const scripts = new Map(customers.map((c) => [c, script(signer, c)]));
    let posted = 0;
    const total = customers.length * 8;
    let closed: Promise<void> | undefined;
    // Customers in parallel; each customer's messages one after the other (as WhatsApp sends them),
    // each to a random live instance; some delivered twice (Meta's redelivery) to another instance.
    await Promise.all(
      customers.map(async (customer) => {
        for (const delivery of scripts.get(customer) as SignedDelivery[]) {
          await deliver(delivery);
          if (randomInt(0, 4) === 0) await deliver(delivery);
          posted++;
          if (posted === Math.floor(total / 2) && !closed) {
            // Mid-run: instance 2 leaves (a deploy, a scale-in). The balancer stops sending to it first.
            live.delete(2);
            closed = (bots[2] as Bot).close();
          }
          await sleep(randomInt(0, 15));
        }
      }),
    );
    await closed;
    // Instance 2 is really gone, and the others carried on.
    await expect(fetch(`${(servers[2] as RunningServer).url}/healthz`)).rejects.toThrow();
    // Wait until every customer has as many replies as the reference, then a little more for any duplicate.
    const deadline = Date.now() + 30_000;
    while (customers.some((c) => repliesTo(c).length < expected.length) && Date.now() < deadline) {
      await settle();
      await sleep(50);
    }
    await sleep(300);
    for (const customer of customers) {
      expect(repliesTo(customer).map(shape), customer).toEqual(expected);
    }
    // One mission per customer in the shared backend: each confirmation handled once.
    const missions = await backend.missions.list({});
    for (const customer of customers) {
      expect(
        missions.filter((m) => m.clientPhone.replace(/\D/g, "") === customer),
        customer,
      ).toHaveLength(1);
    }
  }, 60_000);
});
