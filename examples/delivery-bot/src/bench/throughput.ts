// Measures the whole bot over HTTP: N customers each run the courier dialogue up to the recap
// (7 messages), against K bot processes (`node src/main.ts`, round-robin like a load balancer),
// with the state in memory or in Redis + PostgreSQL. Figures for docs/scaling.md.
//   node src/bench/throughput.ts --users 50 --instances 1
//   node src/bench/throughput.ts --users 50 --instances 2 --redis --postgres
//   node src/bench/throughput.ts --users 50 --instances 3 --cluster   (a private 3-master Redis Cluster)
import { randomBytes, randomInt } from "node:crypto";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { startRedisCluster, type TestRedisCluster } from "../../../../scripts/faults/redis-cluster.ts";
import { SimulatedCustomer } from "../demo/customer.ts";
import { startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner } from "../simulator/webhook-signer.ts";
import { type BotProcess, spawnBot } from "../test-support/bot-process.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "50" },
    instances: { type: "string", default: "1" },
    throughput: { type: "string", default: "1000" },
    redis: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    cluster: { type: "boolean", default: false },
  },
});
const users = Number(values.users);
const instances = Number(values.instances);
const dialogue: [string, string][] = [
  ["Bonjour, je veux envoyer un colis", "Où faut-il récupérer le colis"],
  ["/loc -4.2634 15.2429", "Où faut-il livrer"],
  ["Rond-point Moungali", "valeur du colis"],
  ["15000", "Que contient le colis"],
  ["Deux pagnes et des documents", "nom du destinataire"],
  ["Marie Okemba", "numéro de Marie Okemba"],
  ["06 123 4567", "Récapitulatif"],
];

const secrets = { token: `EAAG${randomBytes(8).toString("hex")}`, appSecret: randomBytes(8).toString("hex") };
const phoneNumberId = "100200300";
const schema = `toktok_bench_${randomBytes(3).toString("hex")}`;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const databaseUrl = process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
// Fresh numbers each run: sessions of an earlier run may still be in Redis.
const runBase = randomInt(0, 9_990_000);
const cluster: TestRedisCluster | undefined = values.cluster ? await startRedisCluster() : undefined;
const graph = await startGraphStandIn({ accessToken: secrets.token, phoneNumberId });
const signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId });

/** Starts one bot process and resolves with its URL once it logs that it listens. */
function startBot(): Promise<BotProcess> {
  return spawnBot({
    PORT: "0",
    HOST: "127.0.0.1",
    WHATSAPP_TOKEN: secrets.token,
    WHATSAPP_PHONE_NUMBER_ID: phoneNumberId,
    WHATSAPP_APP_SECRET: secrets.appSecret,
    WHATSAPP_VERIFY_TOKEN: "bench",
    WHATSAPP_API_BASE_URL: graph.url,
    LOG_LEVEL: "info",
    WHATSAPP_THROUGHPUT: values.throughput,
    ...(values.redis ? { REDIS_URL: redisUrl } : {}),
    ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodesEnv } : {}),
    ...(values.postgres ? { DATABASE_URL: databaseUrl, ANALYTICS_SCHEMA: schema } : {}),
  });
}

const bots = await Promise.all(Array.from({ length: instances }, startBot));
const latencies: number[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: users }, async (_, u) => {
    const waId = `24206${String(runBase + u).padStart(7, "0")}`;
    const phones = bots.map(
      (bot) =>
        new SimulatedCustomer({ botUrl: bot.url, graph, signer, waId, name: `Client ${u}`, settle: async () => {} }),
    );
    for (const [i, [say, expected]] of dialogue.entries()) {
      const t0 = performance.now();
      // Round-robin over the processes, as a load balancer in front of them would.
      await (phones[(u + i) % phones.length] as SimulatedCustomer).say(say);
      await (phones[0] as SimulatedCustomer).expect(expected, 30_000);
      latencies.push(performance.now() - t0);
    }
    for (const p of phones) p.close();
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const result = {
  setup: `${instances} process(es), ${values.throughput} sends/s allowed, state in ${cluster ? "a 3-master Redis Cluster" : values.redis ? "Redis" : "memory"}, analytics in ${values.postgres ? "PostgreSQL" : "memory"}`,
  users,
  messages: latencies.length,
  messagesPerSecond: Math.round(latencies.length / elapsed),
  p50Ms: Math.round(pct(50)),
  p99Ms: Math.round(pct(99)),
  outboundMessages: graph.messages.length,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
};
console.log(JSON.stringify(result));

for (const bot of bots) bot.child.kill("SIGTERM");
await graph.close();
await cluster?.close();
if (values.postgres) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
process.exit(0);
