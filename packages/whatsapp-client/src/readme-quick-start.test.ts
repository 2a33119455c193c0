// The README quick start, run for real: a webhook server on loopback that
// answers each text with a reply, against a loopback Graph API stand-in.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createWebhookHandler, WhatsAppClient } from "./index.js";
import { type GraphServer, startGraphServer } from "./test-support/graph-server.js";
import { fixture, metaBody, sign } from "./test-support/webhook-fixtures.js";

let graph: GraphServer;
beforeAll(async () => {
  graph = await startGraphServer();
  process.env.WA_TOKEN = "token";
  process.env.WA_PHONE_ID = "106540352242922";
  process.env.WA_APP_SECRET = "secret";
  process.env.WA_VERIFY_TOKEN = "verify";
});
afterAll(() => graph.close());

it("README quick start: reply to every text message", async () => {
  // --- README ---
  const wa = new WhatsAppClient({
    accessToken: process.env.WA_TOKEN!,
    phoneNumberId: process.env.WA_PHONE_ID!,
    baseUrl: graph.url, // (test only: the README omits it and talks to graph.facebook.com)
  });

  const webhook = createWebhookHandler({
    appSecret: process.env.WA_APP_SECRET!,
    verifyToken: process.env.WA_VERIFY_TOKEN!,
    onEvent: async (event) => {
      if (event.kind !== "message" || event.message.type !== "text") return;
      await wa.markAsRead(event.id, { typing: true });
      await wa.sendText(event.from, `Bien reçu : ${event.message.text}`, { replyTo: event.id });
    },
  });
  const server = createServer(webhook.node).listen(0);
  // --- end ---

  await new Promise((r) => server.once("listening", r));
  const body = metaBody(fixture("accented-text"));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    method: "POST",
    body,
    headers: { "x-hub-signature-256": sign(body, "secret") },
  });
  expect(res.status).toBe(200);
  await webhook.drain();
  expect(graph.requests.map((r) => r.json())).toEqual([
    { messaging_product: "whatsapp", status: "read", message_id: "wamid.ACC1", typing_indicator: { type: "text" } },
    {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "242061234567",
      type: "text",
      text: { body: "Bien reçu : Départ à Poto-Poto, arrivée à Moungali — réglé: 5 000 FCFA ✅ ça marche" },
      context: { message_id: "wamid.ACC1" },
    },
  ]);
  server.close();
  await wa.close();
});
