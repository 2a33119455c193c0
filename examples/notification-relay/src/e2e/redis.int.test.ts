import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { type GraphStandIn, startGraphStandIn } from "../../../delivery-bot/src/simulator/graph-stand-in.ts";
import { loadRelayConfig } from "../config.ts";
import { type RunningRelay, startRelay } from "../server.ts";
import { signEvent } from "../signature.ts";
import { acceptedMission } from "./fixtures.ts";

const SECRET = "relay-int-secret-0123456789";

// Two relay processes behind a load balancer share the event ids in Redis.
describeWithRedis("notification relay on Redis", () => {
  let graph: GraphStandIn;
  let redis: Redis;
  const relays: RunningRelay[] = [];
  const run = randomBytes(4).toString("hex");

  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: "EAAG-int", phoneNumberId: "888" });
    redis = new Redis(services().redisUrl);
    const config = loadRelayConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      RELAY_SECRET: SECRET,
      WHATSAPP_TOKEN: "EAAG-int",
      WHATSAPP_PHONE_NUMBER_ID: "888",
      WHATSAPP_API_BASE_URL: graph.url,
      REDIS_URL: services().redisUrl,
      IDEMPOTENCY_TTL_MS: "120000",
      LOG_LEVEL: "silent",
    });
    for (let i = 0; i < 2; i++) relays.push(await startRelay(config));
  });
  afterAll(async () => {
    for (const r of relays) await r.close();
    await graph.close();
    const keys = await redis.keys(`toktok:relay:event:it-${run}-*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const post = (relay: RunningRelay, body: string) =>
    fetch(`${relay.url}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signEvent(SECRET, body) },
      body,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; messageIds?: string[] } }));

  it("remembers event ids in Redis, with an expiry", async () => {
    expect(relays.every((r) => r.idempotency === "redis")).toBe(true);
    const eventId = `it-${run}-ttl`;
    await post(
      relays[0] as RunningRelay,
      JSON.stringify({ eventId, type: "mission.status_changed", mission: acceptedMission("7") }),
    );
    const ttl = await redis.pttl(`toktok:relay:event:${eventId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it("sends once when the same event reaches both processes at the same time", async () => {
    const eventId = `it-${run}-race`;
    const body = JSON.stringify({ eventId, type: "mission.status_changed", mission: acceptedMission("8") });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(relays[i % 2] as RunningRelay, body)));
    expect(answers.filter((a) => a.body.status === "sent")).toHaveLength(1);
    // And later, from either process: a duplicate with the original ids.
    const sent = answers.find((a) => a.body.status === "sent")?.body.messageIds;
    for (const relay of relays) {
      const again = await post(relay, body);
      expect(again.body).toMatchObject({ status: "duplicate", messageIds: sent });
    }
    const toClient = graph.messages.filter((m) => m.to.replace(/\D/g, "") === "242061110008");
    // Everything the client received comes from that one send.
    expect(toClient.length).toBeGreaterThan(0);
    expect(toClient.every((m) => sent?.includes(m.id))).toBe(true);
  });
});
