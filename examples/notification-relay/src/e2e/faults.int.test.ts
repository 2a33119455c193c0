// The relay under faults, on a private redis-server this file can kill (never the shared one):
// a relay process killed mid-send, WhatsApp refusing one part, Redis going away and coming back.
// The customer must get each part of each notification exactly once, without restarting the relay.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultyRedis, startFaultyRedis } from "../../../../scripts/faults/redis-server.ts";
import { type GraphStandIn, startGraphStandIn } from "../../../delivery-bot/src/simulator/graph-stand-in.ts";
import { loadRelayConfig } from "../config.ts";
import { type RunningRelay, startRelay } from "../server.ts";
import { signEvent } from "../signature.ts";
import { acceptedMission } from "./fixtures.ts";
import { expectDocumented } from "./openapi-check.ts";
import { hasPython, sendWithPython } from "./python.ts";

const SECRET = "relay-faults-secret-0123456789";
const TOKEN = "EAAG-faults";
const PHONE_ID = "555";
// Short, so the test is quick; long enough that a loaded CI machine still renews in time.
const LEASE_MS = 500;
const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const redisServer = process.env.REDIS_SERVER_BIN ?? "redis-server";
const haveRedisServer = spawnSync(redisServer, ["--version"]).status === 0;
if (!haveRedisServer) {
  const message = `faults.int.test.ts: \`${redisServer}\` not found; the relay's fault tests need a private redis-server`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`SKIPPED ${message}`);
}

const env = (redisUrl: string, graphUrl: string): Record<string, string> => ({
  PORT: "0",
  HOST: "127.0.0.1",
  RELAY_SECRET: SECRET,
  WHATSAPP_TOKEN: TOKEN,
  WHATSAPP_PHONE_NUMBER_ID: PHONE_ID,
  WHATSAPP_API_BASE_URL: graphUrl,
  REDIS_URL: redisUrl,
  RELAY_LEASE_MS: String(LEASE_MS),
  LOG_LEVEL: "silent",
});

/** A proxy to the Graph stand-in that lets `pass` sends through, then holds every later one unanswered. */
async function startHoldingProxy(graphUrl: string, pass: number) {
  const held: ServerResponse[] = [];
  let seen = 0;
  const server = createServer(async (req, res) => {
    seen += 1;
    if (seen > pass) {
      held.push(res);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`${graphUrl}${req.url}`, {
      method: req.method ?? "POST",
      headers: {
        authorization: req.headers.authorization ?? "",
        "content-type": req.headers["content-type"] ?? "application/json",
      },
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts `node src/main.ts` (a relay in its own process, so it can really be killed); resolves with its URL. */
async function spawnRelay(environment: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...environment, LOG_LEVEL: "info" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${log}`)), 15_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"message":"notification relay listening","url":"([^"]+)"/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`relay exited with ${code}:\n${log}`)));
  });
  return { child, url };
}

describe.skipIf(!haveRedisServer)("notification relay under faults (private redis-server)", () => {
  let redis: FaultyRedis;
  let graph: GraphStandIn;
  let relay: RunningRelay;
  let inspect: Redis;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startFaultyRedis();
    graph = await startGraphStandIn({ accessToken: TOKEN, phoneNumberId: PHONE_ID });
    relay = await startRelay(loadRelayConfig(env(redis.url, graph.url)));
    inspect = new Redis(redis.url, { retryStrategy: () => 100, maxRetriesPerRequest: 1 });
    inspect.on("error", () => {});
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await relay?.close();
    await graph?.close();
    inspect?.disconnect();
    await redis?.close();
  });

  const eventOf = (n: string) => ({
    eventId: `fault-${n}`,
    type: "mission.status_changed",
    mission: acceptedMission(n),
  });
  const post = (url: string, event: unknown) => {
    const body = JSON.stringify(event);
    return fetch(`${url}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signEvent(SECRET, body) },
      body,
    });
  };
  /** What the customer of fixture `n` received, by message type. */
  const received = (n: string) =>
    graph.messages.filter((m) => m.to.replace(/\D/g, "") === `24206111000${n}`).map((m) => m.type);

  it("(a) a relay killed mid-send: its claim frees itself after the lease, and the retry sends only the missing card", async () => {
    const proxy = await startHoldingProxy(graph.url, 1);
    try {
      const doomed = await spawnRelay(env(redis.url, proxy.url));
      children.push(doomed.child);
      const event = eventOf("1");
      // The backend's first call: the text goes out, the card's send hangs.
      post(doomed.url, event).catch(() => {});
      await expect.poll(() => proxy.held.length, { timeout: 10_000 }).toBe(1);
      expect(received("1")).toEqual(["text"]);

      // Still sending after several lease lengths: renewals keep the lease, a retry is told to wait.
      await sleep(LEASE_MS * 3);
      const busy = await post(relay.url, event);
      expect(busy.status).toBe(409);
      expect(await expectDocumented(busy, "/events")).toMatchObject({ status: "in_progress" });

      doomed.child.kill("SIGKILL");
      await once(doomed.child, "exit");
      // The backend retries (after Retry-After); within a lease the claim is free again.
      await expect.poll(async () => (await post(relay.url, event)).status, { timeout: 5_000, interval: 100 }).toBe(200);
      expect(received("1")).toEqual(["text", "contacts"]);
      const again = await post(relay.url, event);
      expect(await again.json()).toMatchObject({ status: "duplicate" });
      expect(received("1")).toEqual(["text", "contacts"]);
    } finally {
      await proxy.close();
    }
  });

  it("(b) WhatsApp fails on the card after the text went out: 502, and the retry sends only the card", async () => {
    // A lasting outage from the card on (the client's own retries fail too).
    const off = graph.onMessage((m) => {
      if (m.to.endsWith("242061110002") && m.type === "text") graph.failNext(4, 503, 2);
    });
    const event = eventOf("2");
    const failed = await post(relay.url, event);
    off();
    expect(failed.status).toBe(502);
    expect(await expectDocumented(failed, "/events")).toMatchObject({ error: "whatsapp_unavailable" });
    expect(received("2")).toEqual(["text"]);
    // The sent part is recorded under the event, with the long TTL.
    const record = await inspect.hgetall("toktok:relay:event:fault-2");
    expect(Object.keys(record).filter((k) => k.startsWith("part:"))).toHaveLength(1);
    expect(await inspect.pttl("toktok:relay:event:fault-2")).toBeGreaterThan(60_000);

    const retry = await post(relay.url, event);
    expect(retry.status).toBe(200);
    const outcome = (await expectDocumented(retry, "/events")) as { messageIds: string[] };
    expect(received("2")).toEqual(["text", "contacts"]);
    expect(outcome.messageIds).toHaveLength(2);
  });

  it("(c) Redis killed: JSON 503 with Retry-After, health and readiness down; back up, the retry notifies once, no restart", async () => {
    const event = eventOf("3");
    await redis.kill();

    const refused = await post(relay.url, event);
    expect(refused.status).toBe(503);
    expect(await expectDocumented(refused, "/events")).toMatchObject({
      eventId: "fault-3",
      status: "failed",
      error: "store_unavailable",
    });
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    for (const path of ["/healthz", "/readyz"]) {
      const res = await fetch(`${relay.url}${path}`);
      expect(res.status).toBe(503);
      expect(await expectDocumented(res, path, "get")).toEqual({ status: "down", checks: { redis: "down" } });
    }
    if (hasPython) {
      // What the Django backend sees: a retryable error, with the delay to wait.
      expect(await sendWithPython(relay.url, SECRET, event)).toMatchObject({
        error: { status: 503, retryable: true, retry_after: 2 },
      });
    }
    expect(received("3")).toEqual([]);

    await redis.start();
    await expect.poll(async () => (await fetch(`${relay.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toEqual({ status: "ok", checks: { redis: "ok" } });
    const retry = await post(relay.url, event);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: "sent" });
    expect((await (await post(relay.url, event)).json()) as object).toMatchObject({ status: "duplicate" });
    expect(received("3")).toEqual(["text", "contacts"]);
    expect(relay.counters()).toMatchObject({ store_unavailable: expect.any(Number) });
    expect(relay.counters().store_unavailable).toBeGreaterThanOrEqual(1);
  });
});
