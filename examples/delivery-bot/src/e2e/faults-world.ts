// One isolated world per fault scenario: a private persistent redis-server the scenario can kill,
// the shared PostgreSQL behind a TCP proxy it can cut (in a schema of its own), a Graph API
// stand-in it can break, and the bot in this process, fed by a Meta-like sender that redelivers
// until it gets a 2xx. Nothing here touches the shared Redis.
import { randomBytes, randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import pg from "pg";
import { expect } from "vitest";
import { type FaultyRedis, startFaultyRedis } from "../../../../scripts/faults/redis-server.ts";
import { startTcpProxy, type TcpProxy } from "../../../../scripts/faults/tcp-proxy.ts";
import { type Bot, createBot } from "../bot/create-bot.ts";
import type { HealthReport } from "../bot/health.ts";
import { type BotConfig, loadConfig } from "../config/env.ts";
import { renderOutbound } from "../demo/render.ts";
import type { RunningServer } from "../server/listen.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createMetaSender, type DeliveryReport, type MetaSender } from "../simulator/meta-sender.ts";
import { createWebhookSigner, type SignedDelivery, type WebhookSigner } from "../simulator/webhook-signer.ts";

export const PHONE_NUMBER_ID = "555000222";
const TOKEN = "EAAG-faults";

/**
 * The customer's side of the courier dialogue, each message with a part of the reply that
 * answers it: the reply to message N is recognisable, so "answered once, in order" can be checked.
 */
export const SCRIPT = [
  { say: "je veux envoyer un colis", expect: "Où faut-il récupérer le colis" },
  { say: { latitude: -4.2634, longitude: 15.2429 }, expect: "Où faut-il livrer" },
  { say: "Rond-point Moungali", expect: "valeur du colis" },
] as const;

export type Step = 0 | 1 | 2;

/** Options of {@link startWorld}. */
export interface WorldOptions {
  /** `WHATSAPP_TIMEOUT_MS` of the bot (a Graph call's time limit). Default: the client's 30 s. */
  whatsappTimeoutMs?: number;
  /** Longest time the Meta-like sender keeps redelivering one delivery. Default 30 s. */
  senderMaxElapsedMs?: number;
}

export interface World {
  readonly redis: FaultyRedis;
  /** Between the bot and PostgreSQL. */
  readonly postgres: TcpProxy;
  readonly graph: GraphStandIn;
  readonly signer: WebhookSigner;
  readonly sender: MetaSender;
  readonly config: BotConfig;
  /** The bot now running (a new one after {@link World.restartBot}). */
  readonly bot: Bot;
  readonly server: RunningServer;
  /** A fresh customer number of this world. */
  customer(): string;
  /** The delivery of step `step` of the script, from `waId`. */
  delivery(waId: string, step: Step): SignedDelivery;
  /** Sends step `step` from `waId` through the Meta-like sender (redelivered until a 2xx). */
  say(waId: string, step: Step): Promise<DeliveryReport>;
  /** What `waId` received so far, each message rendered as the phone shows it. */
  received(waId: string): string[];
  /**
   * Waits until `waId` received exactly the replies a fault-free bot sends to steps `0..upTo`, in
   * order, none twice: the baseline, which must have been taken with {@link World.takeBaseline}.
   */
  expectAnswered(waId: string, upTo: Step, timeoutMs?: number): Promise<void>;
  /** What a fault-free bot has sent a customer after step `step` (the baseline). */
  expected(step: Step): string[];
  /** Runs the script once without faults and keeps what the customer received after each step. */
  takeBaseline(): Promise<void>;
  /** `GET /healthz` and `GET /readyz`. */
  health(): Promise<{ healthz: number; readyz: number; report: HealthReport }>;
  /** Resolves once no job of the bot waits, runs or is delayed (every retry done). */
  settled(timeoutMs?: number): Promise<void>;
  /** Closes the bot (as a deploy or a crash-free stop would), then starts a new one on the same services. */
  restartBot(options?: { beforeStart?: () => void | Promise<void> }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Polls `read` until `done` holds, and returns the last value; throws naming `what` and the last
 * value after `timeoutMs`. (Not `expect.poll`: it also runs outside a test, and in concurrent ones.)
 */
export async function waitFor<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}; last seen: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** After each step, the rendered replies a fault-free bot sent (taken once, shared by the worlds). */
let baseline: string[][] | undefined;

const DB_URL = () => process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";

/** Starts a world: services, stand-in, bot listening on a free port, sender pointed at it. */
export async function startWorld(databaseUrl: string = DB_URL(), options: WorldOptions = {}): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), "toktok-faults-"));
  const schema = `toktok_faults_${process.pid}_${randomBytes(3).toString("hex")}`;
  const appSecret = randomBytes(8).toString("hex");
  const target = new URL(databaseUrl);
  const redis = await startFaultyRedis({ persist: { dir } });
  const postgres = await startTcpProxy({
    target: { host: target.hostname || "127.0.0.1", port: Number(target.port || 5432) },
  });
  const graph = await startGraphStandIn({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
  const signer = createWebhookSigner({ appSecret, phoneNumberId: PHONE_NUMBER_ID });
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: "faults",
    WHATSAPP_API_BASE_URL: graph.url,
    ...(options.whatsappTimeoutMs ? { WHATSAPP_TIMEOUT_MS: String(options.whatsappTimeoutMs) } : {}),
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url(databaseUrl),
    ANALYTICS_SCHEMA: schema,
    // FAULTS_LOG_LEVEL=warn shows what the bot logs while a scenario runs.
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? "silent",
  });

  let bot = await createBot({ config, env: {} });
  let server = await bot.listen();
  let closed = false;
  const sender = createMetaSender({
    url: `${server.url}/webhook`,
    ...(options.senderMaxElapsedMs ? { maxElapsedMs: options.senderMaxElapsedMs } : {}),
  });
  // The sender follows the bot across a restart (a new port), as Meta follows the DNS name.
  let senderUrl = `${server.url}/webhook`;
  let activeSender = sender;
  const base = randomInt(0, 9_000_000);
  let next = 0;

  const delivery = (waId: string, step: Step): SignedDelivery => {
    const say = SCRIPT[step].say;
    const who = { from: waId, name: "Grâce" };
    return typeof say === "string" ? signer.text(who, say) : signer.location(who, say);
  };

  const received = (waId: string) =>
    graph.messages.filter((m) => m.to === waId).map((m) => renderOutbound(m.body).text);

  const world: World = {
    redis,
    postgres,
    graph,
    signer,
    get sender() {
      return activeSender;
    },
    config,
    get bot() {
      return bot;
    },
    get server() {
      return server;
    },
    customer: () => `24206${String(base + next++).padStart(7, "0")}`,
    delivery,
    say: (waId, step) => activeSender.deliver(delivery(waId, step)),
    received,
    expected(step) {
      if (!baseline) throw new Error("take the baseline first");
      return baseline[step] as string[];
    },
    async expectAnswered(waId, upTo, timeoutMs = 15_000) {
      const expected = world.expected(upTo);
      await waitFor(
        `the replies of ${waId} to steps 0..${upTo}`,
        () => received(waId),
        (got) => got.length >= expected.length,
        timeoutMs,
      );
      // Every reply, in order, none twice (a duplicate would make the list longer or shift it).
      expect(received(waId)).toEqual(expected);
    },
    async takeBaseline() {
      if (baseline) return;
      const waId = world.customer();
      const taken: string[][] = [];
      for (const [i, step] of SCRIPT.entries()) {
        await world.say(waId, i as Step);
        await waitFor(
          `the reply to step ${i}`,
          () => received(waId),
          (got) => got.some((t) => t.includes(step.expect)),
        );
        await world.settled();
        taken.push(received(waId));
      }
      baseline = taken;
    },
    async health() {
      const get = async (path: string) => {
        const res = await fetch(`${server.url}${path}`);
        return { status: res.status, body: (await res.json()) as HealthReport };
      };
      const [healthz, readyz] = await Promise.all([get("/healthz"), get("/readyz")]);
      return { healthz: healthz.status, readyz: readyz.status, report: healthz.body };
    },
    async settled(timeoutMs = 20_000) {
      try {
        await waitFor(
          "no job waiting, running or delayed",
          () => bot.engine.queueCounts().catch(() => undefined),
          (c) => c !== undefined && c.waiting + c.active + c.delayed === 0,
          timeoutMs,
        );
      } catch (error) {
        // Which jobs, since when, tried how often: what the queue's own view says.
        const url = new URL(redis.url);
        const queue = new Queue("toktok-flows", { connection: { host: url.hostname, port: Number(url.port) } });
        try {
          const jobs = [...(await queue.getActive()), ...(await queue.getWaiting()), ...(await queue.getDelayed())];
          const now = Date.now();
          const seen = jobs.map((j) => ({
            id: j.id,
            user: j.data.key,
            attemptsMade: j.attemptsMade,
            stalled: j.stalledCounter,
            agoMs: now - j.timestamp,
            processedAgoMs: j.processedOn === undefined ? undefined : now - j.processedOn,
          }));
          throw new Error(`${(error as Error).message}; jobs: ${JSON.stringify(seen)}`);
        } finally {
          await queue.close();
        }
      }
    },
    async restartBot(restart = {}) {
      await bot.close();
      await restart.beforeStart?.();
      bot = await createBot({ config, env: {} });
      server = await bot.listen();
      senderUrl = `${server.url}/webhook`;
      activeSender = createMetaSender({
        url: senderUrl,
        ...(options.senderMaxElapsedMs ? { maxElapsedMs: options.senderMaxElapsedMs } : {}),
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      sender.close();
      activeSender.close();
      graph.setFault(undefined);
      postgres.resume();
      // Each step runs whatever the one before did: a failed scenario must not leave a
      // redis-server or a schema behind.
      const steps: Array<() => Promise<unknown>> = [
        async () => {
          if (!redis.running) await redis.start();
        },
        () => bot.close(),
        () => graph.close(),
        () => postgres.close(),
        () => redis.close(),
        () => rm(dir, { recursive: true, force: true }),
        async () => {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          } finally {
            await client.end();
          }
        },
      ];
      const failures: unknown[] = [];
      for (const step of steps) await step().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw new AggregateError(failures, "world.close: some clean-up steps failed");
    },
  };
  return world;
}

/** Polls `/healthz` and `/readyz` until `check` holds. */
export async function expectHealth(
  world: World,
  check: (h: { healthz: number; readyz: number; report: HealthReport }) => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  await waitFor("the health reports", () => world.health(), check, timeoutMs);
}
