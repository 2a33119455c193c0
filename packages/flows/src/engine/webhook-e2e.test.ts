// The whole inbound → reply path with real parts: a signed Meta webhook delivery goes through
// whatsapp-client's createWebhookHandler (signature, parsing, de-duplication), the engine runs
// the courier flow, and the replies go out through the real WhatsAppClient to a loopback Graph API.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler, WhatsAppClient } from "@toktok/whatsapp-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { builtInFlows } from "../flows/built-in.js";
import { createFlowEngine } from "./engine.js";

const SECRET = "app-secret";
const USER = "242061234567";
const sent: Array<Record<string, unknown>> = [];
let graph: Server;
let client: WhatsAppClient;

beforeAll(async () => {
  graph = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    if (body.status !== "read") sent.push(body);
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({ messaging_product: "whatsapp", messages: [{ id: `wamid.out${sent.length}` }], success: true }),
    );
  });
  await new Promise<void>((r) => graph.listen(0, "127.0.0.1", r));
  client = new WhatsAppClient({
    accessToken: "token",
    phoneNumberId: "1234567890",
    baseUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`,
    retry: { maxRetries: 0 },
  });
});
afterAll(async () => {
  await client.close();
  await new Promise((r) => graph.close(r));
});

let n = 0;
const delivery = (message: Record<string, unknown>, id = `wamid.in${++n}`) =>
  JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WABA",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "242055000000", phone_number_id: "1234567890" },
              contacts: [{ profile: { name: "Aline Ngoma" }, wa_id: USER }],
              messages: [{ from: USER, id, timestamp: "1763715600", ...message }],
            },
          },
        ],
      },
    ],
  });

it("answers a signed webhook delivery through the real client, end to end", async () => {
  const backend = new MemoryBackend();
  const engine = createFlowEngine({ messenger: client, flows: builtInFlows({ backend }), markAsRead: true });
  const handler = createWebhookHandler({
    appSecret: SECRET,
    verifyToken: "verify",
    onEvent: async (event) => {
      if (event.kind === "message") await engine.handle(event);
    },
  });
  const post = async (body: string) => {
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    const res = await handler.fetch(
      new Request("http://bot.local/webhook", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      }),
    );
    expect(res.status).toBe(200);
    await handler.drain();
  };

  await post(delivery({ type: "text", text: { body: "Je veux envoyer un colis" } }));
  expect(sent.at(-1)).toMatchObject({
    to: USER,
    type: "interactive",
    interactive: { type: "location_request_message" },
  });
  await post(delivery({ type: "location", location: { latitude: -4.2634, longitude: 15.2429, name: "Marché Total" } }));
  for (const body of ["Rond-point Moungali", "15 000", "2 pagnes", "Marie 06 123 4567"]) {
    await post(delivery({ type: "text", text: { body } }));
  }
  const recap = sent.at(-1) as {
    interactive: { body: { text: string }; action: { buttons: Array<{ reply: { id: string } }> } };
  };
  expect(recap.interactive.body.text).toContain("Récapitulatif");
  expect(recap.interactive.action.buttons.map((b) => b.reply.id)).toEqual([
    "courier:confirm",
    "courier:edit",
    "cmd:cancel",
  ]);
  const tap = delivery(
    {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "courier:confirm", title: "✅ Confirmer" } },
    },
    "wamid.confirm",
  );
  await post(tap);
  await post(tap); // redelivered by Meta: handled once
  const [mission] = await backend.missions.list({});
  expect(mission).toMatchObject({
    clientName: "Aline Ngoma",
    parcelValue: 15000,
    recipient: { phone: "+242061234567" },
  });
  expect(JSON.stringify(sent.at(-1))).toContain(mission?.reference);
  expect(sent.filter((b) => JSON.stringify(b).includes(mission?.reference ?? "?"))).toHaveLength(1);
});
