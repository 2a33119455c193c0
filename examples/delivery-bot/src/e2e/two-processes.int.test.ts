import { randomBytes, randomInt } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithPostgres, describeWithRedis, services } from "../../../../scripts/integration.ts";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { loadConfig } from "../config/env.ts";
import { SimulatedCustomer } from "../demo/customer.ts";
import type { RunningServer } from "../server/listen.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type WebhookSigner } from "../simulator/webhook-signer.ts";

// Two bot processes behind one number (as behind a load balancer), sharing Redis for sessions,
// locks, limits and webhook de-duplication, and PostgreSQL for analytics.
describeWithRedis("two bot instances sharing Redis and PostgreSQL", () => {
  describeWithPostgres("(with PostgreSQL)", () => {
    const schema = `toktok_bot_it_${process.pid}_${randomBytes(3).toString("hex")}`;
    const secrets = { token: "EAAG-it", appSecret: randomBytes(8).toString("hex"), phoneNumberId: "555000111" };
    let graph: GraphStandIn;
    let signer: WebhookSigner;
    const bots: Bot[] = [];
    const servers: RunningServer[] = [];

    beforeAll(async () => {
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
        REDIS_URL: services().redisUrl,
        DATABASE_URL: services().databaseUrl,
        ANALYTICS_SCHEMA: schema,
        LOG_LEVEL: "silent",
      });
      for (let i = 0; i < 2; i++) {
        const bot = await createBot({ config, env: {} });
        bots.push(bot);
        servers.push(await bot.listen());
      }
    });

    afterAll(async () => {
      for (const bot of bots) await bot.close();
      await graph?.close();
      const client = new pg.Client({ connectionString: services().databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    const customerOn = (i: number, waId: string) =>
      new SimulatedCustomer({
        botUrl: (servers[i] as RunningServer).url,
        graph,
        signer,
        waId,
        name: "Grâce",
        settle: async () => {
          for (const bot of bots) await bot.drain();
        },
      });

    it("reports the services in use", () => {
      expect(bots[0]?.services).toMatchObject({ redis: true, postgres: true });
    });

    it("answers a message redelivered to the other instance once", async () => {
      const waId = `24206${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
      const [a, b] = [customerOn(0, waId), customerOn(1, waId)];
      const delivery = a.delivery("Bonjour");
      await a.post(delivery);
      const answered = graph.messages.filter((m) => m.to === waId).length;
      expect(answered).toBeGreaterThan(0);
      await b.post(delivery);
      expect(graph.messages.filter((m) => m.to === waId).length).toBe(answered);
      a.close();
      b.close();
    });

    it("carries one conversation across both instances (sessions in Redis) to a created mission", async () => {
      const waId = `24205${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
      const on = [customerOn(0, waId), customerOn(1, waId)];
      const watcher = on[0] as SimulatedCustomer;
      const turns: [string, string][] = [
        ["je veux envoyer un colis", "Où faut-il récupérer le colis"],
        ["/loc -4.2634 15.2429", "Où faut-il livrer"],
        ["Rond-point Moungali", "valeur du colis"],
        ["15000", "Que contient le colis"],
        ["Deux pagnes", "nom du destinataire"],
        ["Marie Okemba", "numéro de Marie Okemba"],
        ["06 123 4567", "Récapitulatif"],
        ["1", "Demande envoyée"],
      ];
      for (const [i, [say, expected]] of turns.entries()) {
        // Alternate instances, as a load balancer would.
        await (on[i % 2] as SimulatedCustomer).say(say);
        await watcher.expect(expected, 5_000);
      }
      for (const c of on) c.close();
      // Each instance has its own MemoryBackend here; the mission lives in the one that got the confirmation.
      const missions = await Promise.all(bots.map((b) => b.backend.missions.list({})));
      const mine = missions.flat().filter((m) => m.clientPhone.replace(/\D/g, "") === waId);
      expect(mine).toHaveLength(1);

      // Both instances wrote their analytics to the same PostgreSQL event log.
      for (const bot of bots) await bot.analytics.sync();
      const summary = await (bots[0] as Bot).analytics.getSummary();
      expect(summary.conversions.total).toBeGreaterThanOrEqual(1);
      expect(summary.messages.total).toBeGreaterThanOrEqual(turns.length);
    });
  });
});
