// The webhook's durable path against answering first, on the shared Redis (unique key prefixes,
// deleted after). Durable (the bot today, issue 13): verify, parse, then `engine.accept` records the
// message in the user's RedisMailbox and schedules a BullMQ job, and only then the 200. Answer
// first (the bot before): verify, parse, 200 at once; the de-duplication claim in Redis (`SET NX`)
// and the handling run after the answer (`onEvent`). One message per delivery, 1 000 customers.
// Only the acknowledgement is timed: no worker takes the jobs, and `onEvent` hands the message to
// nobody — a turn costs the same on both paths (see the flows engine suite).
import { createHmac, randomUUID } from "node:crypto";
import { courierFlow, createFlowEngine, type JobQueue, MemoryBackend, RedisMailbox } from "@toktok/flows";
import { BullMqJobQueue } from "@toktok/flows/bullmq";
import {
  createWebhookHandler,
  type MessageEvent,
  type WebhookEvent,
  type WebhookHandler,
} from "@toktok/whatsapp-client";
import { Redis } from "ioredis";
import { RedisDedupeStore } from "../../../examples/delivery-bot/src/bot/redis.ts";
import { redisUrl } from "../../../scripts/services.ts";
import type { BenchSuite, Harness } from "../harness.ts";
import { nullMessenger } from "../null-messenger.ts";

const SECRET = "bench-webhook-secret";
const PHONE_NUMBER_ID = "106540352242922";
const USERS = 1_000;
const CONCURRENCY = 64;

let seq = 0;
/** A fresh signed delivery (a new message id each time: redeliveries would be refused, not recorded). */
function delivery(): Request {
  const n = seq++;
  const from = `24206${String(n % USERS).padStart(7, "0")}`;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: "Awa Mabiala" }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.bench.${process.pid}.${n}`,
                  timestamp: "1763726400",
                  type: "text",
                  text: { body: "Bonjour, je voudrais envoyer un colis de Poto-Poto à Bacongo" },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  return new Request("http://bot/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body,
  });
}

async function acknowledge(handler: WebhookHandler): Promise<void> {
  const res = await handler.fetch(delivery());
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: pattern, count: 1_000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
}

function pct(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** `CONCURRENCY` senders, each posting one delivery after the other for `timeMs`: deliveries/s and ack latency. */
async function load(handler: WebhookHandler, timeMs: number) {
  const latencies: number[] = [];
  const deadline = performance.now() + timeMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await acknowledge(handler);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await handler.drain();
  return { perSecond: latencies.length / ((performance.now() - started) / 1000), p99: pct(latencies, 99) };
}

async function underLoad(h: Harness, durable: WebhookHandler, first: WebhookHandler): Promise<void> {
  const timeMs = Number(process.env.BENCH_TIME_MS ?? 1000) * 2;
  await load(durable, 200);
  await load(first, 200);
  const d = await load(durable, timeMs);
  const f = await load(first, timeMs);
  h.record({ name: `durable: deliveries acknowledged (${CONCURRENCY} in flight)`, value: d.perSecond, unit: "msg/s" });
  h.record({
    name: `answer first: deliveries acknowledged (${CONCURRENCY} in flight)`,
    value: f.perSecond,
    unit: "msg/s",
  });
  h.record({ name: "durable ÷ answer first, msg/s under load", value: d.perSecond / f.perSecond, unit: "×" });
  h.record({ name: `durable: ack p99 under load (${CONCURRENCY} in flight)`, value: d.p99, unit: "ms" });
  h.record({ name: `answer first: ack p99 under load (${CONCURRENCY} in flight)`, value: f.p99, unit: "ms" });
  h.record({ name: "durable ÷ answer first, ack p99 under load", value: d.p99 / f.p99, unit: "×" });
}

const suite: BenchSuite = {
  name: "webhook durable path",
  requires: ["redis"],
  async run(h) {
    const id = randomUUID();
    const mailboxPrefix = `bench:durable:${id}:`;
    const queuePrefix = `bench-durable-${id}`;
    const claimsPrefix = `bench:first:${id}:`;
    const redis = new Redis(redisUrl());
    const url = new URL(redisUrl());
    const jobs = new BullMqJobQueue({
      connection: { host: url.hostname || "127.0.0.1", port: Number(url.port || 6379) },
      name: "webhook-bench",
      prefix: queuePrefix,
    });
    // The bot's record path as is (engine.accept), without a worker taking the jobs.
    const recordOnly: JobQueue = {
      schedule: (key, delayMs) => jobs.schedule(key, delayMs),
      process() {},
      close: () => jobs.close(),
    };
    const engine = createFlowEngine({
      messenger: nullMessenger,
      flows: [courierFlow({ backend: new MemoryBackend() })],
      mailbox: new RedisMailbox({ client: redis, prefix: mailboxPrefix }),
      jobs: recordOnly,
    });
    const isMessage = (e: WebhookEvent): e is MessageEvent => e.kind === "message";
    const common = { appSecret: SECRET, verifyToken: "v", phoneNumberIds: [PHONE_NUMBER_ID] };
    const durable = createWebhookHandler({ ...common, record: (events) => engine.accept(events.filter(isMessage)) });
    let handledAfter = 0;
    const first = createWebhookHandler({
      ...common,
      dedupe: { store: new RedisDedupeStore(redis, claimsPrefix) },
      onEvent: () => {
        handledAfter++;
      },
    });
    try {
      await acknowledge(durable);
      await acknowledge(first);
      await first.drain();
      if (handledAfter !== 1 || engine.stats().accepted !== 1) throw new Error("both paths must take the delivery");

      const sequential = await h.compare({
        title: "webhook acknowledgement, one delivery at a time (ops/s = deliveries/s)",
        ours: { name: "durable: recorded (mailbox + job), then 200", fn: () => acknowledge(durable) },
        peers: [{ name: "answer first: 200, then claim + onEvent", fn: () => acknowledge(first) }],
      });
      const [d, f] = sequential.results;
      if (d && f)
        h.record({ name: "durable ÷ answer first, ack p99 one at a time", value: d.p99Ms / f.p99Ms, unit: "×" });
      await first.drain();
      await underLoad(h, durable, first);
    } finally {
      await engine.close();
      await deleteKeys(redis, `${mailboxPrefix}*`);
      await deleteKeys(redis, `${queuePrefix}:*`);
      await deleteKeys(redis, `${claimsPrefix}*`);
      await redis.quit();
    }
  },
};

export default suite;
