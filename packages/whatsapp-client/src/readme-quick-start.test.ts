// The README quick start, read from the README at test time and run for real: a webhook server on
// loopback that answers each text with a reply, against a loopback Graph API stand-in. The only
// changes are the stand-in's URL and a free port; a README edit that breaks the example fails here.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../scripts/readme-blocks.js";
import type { WhatsAppClient } from "./index.js";
import { type GraphServer, startGraphServer } from "./test-support/graph-server.js";
import { fixture, metaBody, sign } from "./test-support/webhook-fixtures.js";

let graph: GraphServer;
beforeAll(async () => {
  graph = await startGraphServer();
  process.env.WA_TOKEN = "token";
  process.env.WA_PHONE_ID = "106540352242922";
  process.env.WA_APP_SECRET = "secret";
  process.env.WA_VERIFY_TOKEN = "verify";
  process.env.WA_TEST_GRAPH_URL = graph.url;
});
afterAll(() => graph.close());

it("README quick start: reply to every text message", async () => {
  const run = (await runReadmeBlock(readmeBlock(new URL("../README.md", import.meta.url), "## Quick start"), {
    imports: { "@toktok/whatsapp-client": new URL("./index.ts", import.meta.url) },
    replace: [
      [
        "phoneNumberId: process.env.WA_PHONE_ID! }",
        "phoneNumberId: process.env.WA_PHONE_ID!, baseUrl: process.env.WA_TEST_GRAPH_URL }",
      ],
      ["createServer(webhook.node).listen(3000);", "const server = createServer(webhook.node).listen(0);"],
    ],
    expose: ["wa", "webhook", "server"],
  })) as { wa: WhatsAppClient; webhook: { drain(): Promise<void> }; server: Server };
  const { wa, webhook, server } = run;

  if (!server.listening) await new Promise((r) => server.once("listening", r));
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
