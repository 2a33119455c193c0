// In-process inbound-to-reply handling of the flows engine: messages of many users
// through the built-in courier flow (intent detection, parsing, session write,
// replies), with the in-memory session store and with Redis (store + per-user lock).
// Targets from the issue: >= 5,000 msg/s (memory) and >= 1,000 msg/s (Redis), p99 reported.
import { randomUUID } from "node:crypto";
import {
  courierFlow,
  createFlowEngine,
  type FlowEngine,
  MemoryBackend,
  RedisSessionStore,
  RedisUserLock,
} from "@toktok/flows";
import { Redis } from "ioredis";
import { redisUrl } from "../../../scripts/services.ts";
import type { BenchSuite, Harness } from "../harness.ts";
import { nullMessenger } from "../null-messenger.ts";

// One courier request, then a cancel: 8 messages a cycle, every step of the flow exercised.
const script = ["envoyer un colis", "Poto-Poto", "Bacongo", "15000", "2 pagnes", "Marie", "06 123 4567", "annuler"];

// Message ids unique across every drive of the run: ids repeated from the warm-up would be refused
// as redeliveries (a cheap path), and inflate the figure.
let sequence = 0;

async function drive(engine: FlowEngine, users: number, timeMs: number) {
  const latencies: number[] = [];
  let count = 0;
  const deadline = performance.now() + timeMs;
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const from = `2420600${String(u).padStart(5, "0")}`;
      for (let i = 0; performance.now() < deadline; i++) {
        const started = performance.now();
        const result = await engine.handle({
          id: `wamid.${u}.${sequence++}`,
          from,
          message: { type: "text", text: script[i % script.length] ?? "menu" },
        });
        if (result.status === "duplicate")
          throw new Error(`flows bench: message ${u}/${i} was refused as a redelivery`);
        latencies.push(performance.now() - started);
        count += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: count / (timeMs / 1000), p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, count };
}

async function measure(harness: Harness, label: string, engine: FlowEngine, target: number) {
  const timeMs = Number(process.env.BENCH_TIME_MS ?? 1000) * 2;
  await drive(engine, 32, 200); // warm-up
  const r = await drive(engine, 32, timeMs);
  harness.record({
    name: `${label}: inbound → reply (32 users)`,
    value: r.perSecond,
    unit: "msg/s",
    target: `>= ${target}`,
    met: r.perSecond >= target,
  });
  harness.record({ name: `${label}: p99 latency under load (32 users)`, value: r.p99, unit: "ms" });
  // One user alone: the latency a message sees when the bot is not busy.
  const alone = await drive(engine, 1, Math.max(200, timeMs / 2));
  harness.record({ name: `${label}: p99 latency, one user`, value: alone.p99, unit: "ms" });
}

const suite: BenchSuite = {
  name: "flows engine",
  requires: ["redis"],
  async run(harness) {
    const backend = new MemoryBackend();
    const memory = createFlowEngine({ messenger: nullMessenger, flows: [courierFlow({ backend })] });
    await measure(harness, "memory store", memory, 5000);

    const client = new Redis(redisUrl());
    const prefix = `bench:flows:${randomUUID()}:`;
    try {
      const redis = createFlowEngine({
        messenger: nullMessenger,
        flows: [courierFlow({ backend })],
        store: new RedisSessionStore({ client, prefix, ttlMs: 60_000 }),
        lock: new RedisUserLock({ client, prefix }),
      });
      await measure(harness, "Redis store + lock", redis, 1000);
    } finally {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    }
  },
};

export default suite;
