import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOG_ID, type Simulation, startSimulation } from "../demo/simulation.ts";
import { COURIER_FORM_ANSWERS, offeredFlowToken, postFormCompletion } from "./courier-form-play.ts";

const BLOCKED = "242060000099";
const CLIENT = "242061110001";
const DRIVER = "242061110002";

// The bot acting on the account's webhooks (issue 17), over HTTP with signed deliveries and the Graph stand-in.
describe("delivery bot: templates, marketing, account standing, blocked users and calls", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { WHATSAPP_BLOCKED_USERS: `+${BLOCKED}` } });
  });
  afterAll(() => sim.close());

  const post = async (d: { body: string; headers: Record<string, string> }) => {
    const res = await fetch(`${sim.server.url}/webhook`, { method: "POST", headers: d.headers, body: d.body });
    expect(res.status).toBe(200);
    await sim.bot.drain();
  };
  const metrics = async () => (await fetch(`${sim.server.url}/metrics`)).text();

  it("never answers a blocked user, and still answers the others", async () => {
    const blocked = sim.customer(BLOCKED);
    await blocked.say("Bonjour");
    expect(sim.graph.messages.filter((m) => m.to === BLOCKED)).toEqual([]);
    const other = sim.customer("242060000098");
    await other.say("Bonjour");
    await other.expect("Bienvenue", 5_000);
  });

  it("stops using a template paused by webhook: the notification is not sent with it, and /metrics counts it", async () => {
    const { backend } = sim.bot;
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
    await post(
      sim.signer.change("message_template_status_update", {
        event: "PAUSED",
        message_template_id: 1689556908129832,
        message_template_name: "mission_reminder",
        message_template_language: "fr",
        reason: "NONE",
      }),
    );
    expect(sim.bot.account.templates.isUsable("mission_reminder", "fr")).toBe(false);
    // The customer's 24-hour window is closed: only a template could reach them.
    sim.graph.setWindowClosed(CLIENT);
    const driver = sim.customer(DRIVER, "Jean");
    await driver.say("menu");
    await post(sim.signer.listReply({ from: DRIVER }, { id: "flow:driver", title: "Mes missions" }));
    await post(sim.signer.listReply({ from: DRIVER }, { id: `mission:${mission.id}`, title: mission.reference }));
    await post(sim.signer.buttonReply({ from: DRIVER }, { id: `accept:${mission.id}`, title: "Accepter" }));
    await driver.expect(`Mission ${mission.reference} acceptée`, 5_000);
    expect((await backend.missions.get(mission.id))?.status).toBe("accepted");
    const templates = sim.graph.messages.filter((m) => m.to.replace(/\D/g, "") === CLIENT && m.type === "template");
    expect(templates).toEqual([]);
    expect(await metrics()).toMatch(
      /toktok_templates_skipped_total\{template="mission_reminder",reason="template_unusable"\} 1/,
    );
  });

  it("keeps a user's marketing STOP from the user_preferences webhook", async () => {
    expect(sim.bot.account.marketing.consentOf(CLIENT)).toBeUndefined();
    await post(
      sim.signer.change("user_preferences", {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "242050000000", phone_number_id: sim.secrets.phoneNumberId },
        contacts: [{ wa_id: CLIENT, profile: { name: "Aline" } }],
        user_preferences: [
          {
            wa_id: CLIENT,
            detail: "User requested to stop marketing messages",
            category: "marketing_messages",
            value: "stop",
            timestamp: 1763730000,
          },
        ],
      }),
    );
    expect(sim.bot.account.marketing.get(CLIENT)).toMatchObject({ state: "stopped", source: "webhook" });
  });

  it("counts a customer's call in analytics, once per call", async () => {
    const call = (event: string) =>
      sim.signer.change("calls", {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "242050000000", phone_number_id: sim.secrets.phoneNumberId },
        calls: [
          {
            id: "wacid.HBgLMjQyMDYxMjM0NTY3",
            from: CLIENT,
            to: "242050000000",
            event,
            timestamp: "1763726600",
            direction: "USER_INITIATED",
          },
        ],
      });
    await post(call("connect"));
    await post(call("terminate"));
    const calls = (await metrics()).split("\n").filter((l) => /^toktok_\w*messages\w*\{[^}]*type="call"/.test(l));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/ 1$/);
  });

  it("shows a ban from the account_update webhook on /healthz, loudly", async () => {
    const before = (await (await fetch(`${sim.server.url}/healthz`)).json()) as { checks: Record<string, string> };
    expect(before.checks.whatsapp_account).toBeUndefined();
    await post(
      sim.signer.change("account_update", {
        event: "DISABLED_UPDATE",
        ban_info: { waba_ban_state: ["DISABLE"], waba_ban_date: "2026-12-05" },
      }),
    );
    const health = await fetch(`${sim.server.url}/healthz`);
    const body = await health.json();
    expect(body).toMatchObject({
      status: "degraded",
      checks: { whatsapp_account: "down" },
      account: { state: "banned", event: "DISABLED_UPDATE", details: ["DISABLE"] },
    });
    expect(await metrics()).toMatch(/toktok_whatsapp_account_restricted 1/);
  });
});

describe("delivery bot: a catalogue cart becomes an order", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent" });
  });
  afterAll(() => sim.close());

  it("orders what the cart holds from the demo grocery, telling the customer a changed price", async () => {
    const waId = "242061110010";
    const customer = sim.customer(waId, "Grâce");
    const cart = sim.signer.cart(
      { from: waId, name: "Grâce" },
      {
        catalogId: DEMO_CATALOG_ID,
        items: [
          { productRetailerId: "riz-5kg", quantity: 2, itemPrice: 4500 },
          { productRetailerId: "huile-1l", quantity: 1, itemPrice: 1500 },
        ],
      },
    );
    const res = await fetch(`${sim.server.url}/webhook`, { method: "POST", headers: cart.headers, body: cart.body });
    expect(res.status).toBe(200);
    await sim.bot.drain();
    await customer.expect("Riz parfumé 5 kg : 4 500 FCFA → 5 000 FCFA", 2_000);
    // Straight to the delivery address: the shop and its products came with the cart.
    await customer.expect("Adresse de livraison", 2_000);
    await customer.say("/loc -4.2661, 15.2832 Rue Mbochi");
    await customer.say("1"); // cash
    await customer.expect("2 × Riz parfumé 5 kg — 10 000 FCFA", 2_000);
    await customer.say("1"); // confirm
    await customer.expect("envoyée", 2_000);
    const [order] = await sim.bot.backend.orders.list({ clientPhone: waId });
    expect(order).toMatchObject({
      merchantId: "epicerie-plateau",
      items: [
        { productId: "riz-5kg", quantity: 2, unitPrice: 5000 },
        { productId: "huile-1l", quantity: 1, unitPrice: 1500 },
      ],
      payment: "cash",
    });
  });
});

describe("delivery bot: the courier request as a WhatsApp Flow form", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { WHATSAPP_FLOW_COURIER_ID: "7001" } });
  });
  afterAll(() => sim.close());

  it("offers the published form with /livreur, and its completion creates the mission after the recap", async () => {
    const waId = "242061110020";
    const customer = sim.customer(waId, "Awa");
    await customer.say("/livreur");
    const offered = sim.graph.messages.find(
      (m) => m.to === waId && m.type === "interactive" && JSON.stringify(m.body).includes('"flow"'),
    );
    expect(offered?.body).toMatchObject({
      interactive: { type: "flow", action: { name: "flow", parameters: { flow_id: "7001", flow_action: "navigate" } } },
    });
    const token = offeredFlowToken(sim, waId);
    await postFormCompletion(sim, waId, { flow_token: token, ...COURIER_FORM_ANSWERS });
    await customer.expect("Récapitulatif", 2_000);
    await customer.say("1"); // Confirmer
    await customer.expect("COUR-", 2_000);
    const [mission] = await sim.bot.backend.missions.list({ clientPhone: waId });
    expect(mission).toMatchObject({
      pickup: { address: "Marché Total, Poto-Poto" },
      destination: { address: "Rond-point Moungali" },
      parcelValue: 15000,
      recipient: { name: "Marie Okemba", phone: "+242061234567" },
    });
  });
});
