import { randomBytes, randomInt } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeWithRedis, services } from "../../../../scripts/integration.ts";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { type BotConfig, loadConfig } from "../config/env.ts";
import { SimulatedCustomer } from "../demo/customer.ts";
import type { RunningServer } from "../server/listen.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { createWebhookSigner, type SignedDelivery, type WebhookSigner } from "../simulator/webhook-signer.ts";

const CLIENT = "242061110001";
const DRIVER = "242061110002";
const BLOCKED = "242061110003";

// The account's state (issue 17) held by Redis: two bot instances behind one number, each with its own
// memory and Redis connections (as two processes), then a third started after both stopped (a restart).
// A webhook reaches one instance only, at most once; the other and the next one must still act on it.
describeWithRedis("the WhatsApp account's state shared by bot instances on Redis", () => {
  // A number of its own: the state is kept per phone number id, so this test shares nothing with others.
  const secrets = {
    token: "EAAG-it",
    appSecret: randomBytes(8).toString("hex"),
    phoneNumberId: String(randomInt(100_000_000, 999_999_999)),
  };
  let graph: GraphStandIn;
  let signer: WebhookSigner;
  let config: BotConfig;
  const bots: Bot[] = [];
  const servers: RunningServer[] = [];

  const start = async () => {
    const bot = await createBot({ config, env: { DISPATCH: "off" } });
    bots.push(bot);
    servers.push(await bot.listen());
    return bots.length - 1;
  };

  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: secrets.token, phoneNumberId: secrets.phoneNumberId });
    signer = createWebhookSigner({ appSecret: secrets.appSecret, phoneNumberId: secrets.phoneNumberId });
    config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      WHATSAPP_TOKEN: secrets.token,
      WHATSAPP_PHONE_NUMBER_ID: secrets.phoneNumberId,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: "it",
      WHATSAPP_API_BASE_URL: graph.url,
      REDIS_URL: services().redisUrl,
      LOG_LEVEL: "silent",
    });
    await start();
    await start();
  });

  afterAll(async () => {
    for (const bot of bots) await bot.close().catch(() => {});
    await graph?.close();
    const redis = new Redis(services().redisUrl);
    const keys = await redis.keys(`toktok:account:${secrets.phoneNumberId}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const postTo = async (i: number, d: SignedDelivery) => {
    const res = await fetch(`${(servers[i] as RunningServer).url}/webhook`, {
      method: "POST",
      headers: d.headers,
      body: d.body,
    });
    expect(res.status).toBe(200);
    await (bots[i] as Bot).drain();
  };
  const bot = (i: number) => bots[i] as Bot;

  it("a template paused by a webhook to instance A is not used by instance B", async () => {
    await postTo(
      0,
      signer.change("message_template_status_update", {
        event: "PAUSED",
        message_template_id: 1689556908129832,
        message_template_name: "mission_reminder",
        message_template_language: "fr",
        reason: "NONE",
      }),
    );
    expect(bot(0).account.templates.isUsable("mission_reminder", "fr")).toBe(false);
    // B heard it from A through Redis, not from Meta (the webhook went to A alone).
    await vi.waitFor(() => expect(bot(1).account.templates.isUsable("mission_reminder", "fr")).toBe(false), {
      timeout: 5_000,
    });

    // A stops, so B alone handles what follows (with Redis, a turn's job may run in any instance).
    await bot(0).close();
    bots.splice(0, 1);
    servers.splice(0, 1);
    // B's notifier acts on it: the customer's window is closed, so only mission_reminder could reach her.
    const { backend } = bot(0);
    const mission = await backend.missions.create({
      clientPhone: CLIENT,
      clientName: "Aline",
      pickup: { address: "Poto-Poto" },
      destination: { address: "Bacongo" },
      parcelValue: 5000,
      description: "documents",
      recipient: { name: "Marie", phone: "+242069876543" },
    });
    await backend.users.create({ phone: DRIVER, name: "Jean", role: "livreur" });
    graph.setWindowClosed(CLIENT);
    const driver = new SimulatedCustomer({
      botUrl: (servers[0] as RunningServer).url,
      graph,
      signer,
      waId: DRIVER,
      name: "Jean",
      settle: () => bot(0).drain(),
    });
    await driver.say("menu");
    await postTo(0, signer.listReply({ from: DRIVER }, { id: "flow:driver", title: "Mes missions" }));
    await postTo(0, signer.listReply({ from: DRIVER }, { id: `mission:${mission.id}`, title: mission.reference }));
    await postTo(0, signer.buttonReply({ from: DRIVER }, { id: `accept:${mission.id}`, title: "Accepter" }));
    await driver.expect(`Mission ${mission.reference} acceptée`, 5_000);
    driver.close();
    const sentToClient = graph.messages.filter((m) => m.to.replace(/\D/g, "") === CLIENT && m.type === "template");
    expect(sentToClient).toEqual([]);
    const metrics = await (await fetch(`${(servers[0] as RunningServer).url}/metrics`)).text();
    expect(metrics).toMatch(
      /toktok_templates_skipped_total\{template="mission_reminder",reason="template_unusable"\} 1/,
    );
  });

  it("a marketing STOP sent to A is honoured by B; a ban and a block made through A too", async () => {
    // A second instance again, started after the pause: it read the pause from Redis, and hears what follows.
    await start();
    expect(bot(1).account.templates.isUsable("mission_reminder", "fr")).toBe(false);
    await postTo(
      0,
      signer.change("user_preferences", {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "242050000000", phone_number_id: secrets.phoneNumberId },
        contacts: [{ wa_id: CLIENT, profile: { name: "Aline" } }],
        user_preferences: [
          {
            wa_id: CLIENT,
            detail: "User requested to stop marketing messages",
            category: "marketing_messages",
            value: "stop",
            // Now, so that the shared de-duplication (keyed on user, value and time) never takes it for an earlier run's.
            timestamp: Math.floor(Date.now() / 1000),
          },
        ],
      }),
    );
    await postTo(
      0,
      signer.change("account_update", {
        event: "ACCOUNT_RESTRICTION",
        restriction_info: [{ restriction_type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiration: 1763900000 }],
      }),
    );
    await bot(0).account.block([BLOCKED]);
    expect(graph.blockedUsers.has(BLOCKED)).toBe(true);
    expect(bot(0).account.marketing.consentOf(CLIENT)).toBe("stopped");

    await vi.waitFor(
      () => {
        expect(bot(1).account.marketing.consentOf(CLIENT)).toBe("stopped");
        expect(bot(1).account.standing().state).toBe("restricted");
        expect(bot(1).account.isBlocked(BLOCKED)).toBe(true);
      },
      { timeout: 5_000 },
    );
    const health = await (await fetch(`${(servers[1] as RunningServer).url}/healthz`)).json();
    expect(health).toMatchObject({ checks: { whatsapp_account: "down" }, account: { state: "restricted" } });

    // B ignores the blocked user as A does: his message is acknowledged and never answered.
    const blocked = new SimulatedCustomer({
      botUrl: (servers[1] as RunningServer).url,
      graph,
      signer,
      waId: BLOCKED,
      name: "Paul",
      settle: () => bot(1).drain(),
    });
    await blocked.say("Bonjour");
    blocked.close();
    expect(graph.messages.filter((m) => m.to.replace(/\D/g, "") === BLOCKED)).toEqual([]);
  });

  it("after every instance stopped, the next one starts with the paused template, the STOP, the standing and the block", async () => {
    // The block list on WhatsApp is emptied so that only Redis can tell the new instance.
    graph.blockedUsers.clear();
    for (const b of bots.splice(0)) await b.close();
    servers.splice(0);
    const next = bot(await start());
    expect(next.account.templates.isUsable("mission_reminder", "fr")).toBe(false);
    expect(next.account.marketing.consentOf(CLIENT)).toBe("stopped");
    expect(next.account.standing()).toMatchObject({ state: "restricted", event: "ACCOUNT_RESTRICTION" });
    expect(next.account.isBlocked(BLOCKED)).toBe(true);
    // A user no one stopped or blocked is untouched.
    expect(next.account.marketing.consentOf(DRIVER)).toBeUndefined();
    expect(next.account.isBlocked(DRIVER)).toBe(false);
  });

  it("a template reinstated later through another instance is used again everywhere, and a late redelivery of the pause does not undo it", async () => {
    const other = bot(await start());
    const now = Math.floor(Date.now() / 1000);
    const status = (event: string, time: number) => {
      const d = signer.change("message_template_status_update", {
        event,
        message_template_id: 1689556908129832,
        message_template_name: "mission_reminder",
        message_template_language: "fr",
        reason: "NONE",
      });
      // The change's time is entry[].time: set it, and sign again.
      const body = JSON.parse(d.body) as { entry: Array<{ time: number }> };
      for (const entry of body.entry) entry.time = time;
      const text = JSON.stringify(body);
      return { ...d, body: text, headers: { ...d.headers, "x-hub-signature-256": signer.sign(text) } };
    };
    await postTo(1, status("APPROVED", now + 60));
    await vi.waitFor(() => expect(bot(0).account.templates.isUsable("mission_reminder", "fr")).toBe(true), {
      timeout: 5_000,
    });
    // The pause of before, delivered again to the first instance: older than the approval, ignored.
    await postTo(0, status("PAUSED", now - 60));
    expect(bot(0).account.templates.isUsable("mission_reminder", "fr")).toBe(true);
    expect(other.account.templates.isUsable("mission_reminder", "fr")).toBe(true);
    // …and the saved state agrees: a third instance starts with the template usable.
    expect(bot(await start()).account.templates.isUsable("mission_reminder", "fr")).toBe(true);
  });
});
