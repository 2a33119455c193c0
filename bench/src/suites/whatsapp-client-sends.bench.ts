// Sends per second at concurrency 64 against one loopback server:
// @toktok/whatsapp-client vs raw undici `request` (the ceiling) and vs whatsapp-api-js.
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { Agent, request } from "undici";
import { WhatsAppAPI } from "whatsapp-api-js";
import { Text } from "whatsapp-api-js/messages";
import type { BenchSuite } from "../harness.ts";
import { startLoopbackGraph } from "../whatsapp-client-loopback.ts";

const CONCURRENCY = 64;
const TOKEN = "bench-token";
const PHONE_ID = "106540352242922";
const TO = "242061234567";
const TEXT = "Votre livreur arrive dans 5 minutes 🛵";

const batch = (send: () => Promise<unknown>) => async () => {
  const all: Promise<unknown>[] = [];
  for (let i = 0; i < CONCURRENCY; i++) all.push(send());
  await Promise.all(all);
};

const suite: BenchSuite = {
  name: "whatsapp-client sends",
  async run(harness) {
    const server = await startLoopbackGraph();
    const ours = new WhatsAppClient({ accessToken: TOKEN, phoneNumberId: PHONE_ID, baseUrl: server.url });

    // The ceiling: the same request built by hand, on an Agent with the same pool settings.
    const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
    const url = `${server.url}/v23.0/${PHONE_ID}/messages`;
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const raw = async () => {
      const body = JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: TO,
        type: "text",
        text: { body: TEXT },
      });
      const res = await request(url, { method: "POST", headers, body, dispatcher: agent });
      const json = (await res.body.json()) as { messages: Array<{ id: string }> };
      return json.messages[0]?.id;
    };

    // whatsapp-api-js hard-codes https://graph.facebook.com; its `ponyfill.fetch`
    // option is the documented hook, so we rewrite the origin to the loopback
    // server and otherwise let it use Node's fetch (undici, keep-alive) as shipped.
    const graph = "https://graph.facebook.com";
    const peer = new WhatsAppAPI({
      token: TOKEN,
      appSecret: "bench-secret",
      v: "v23.0",
      ponyfill: {
        fetch: (input: string | URL | Request, init?: RequestInit) =>
          fetch(String(input).replace(graph, server.url), init),
      },
    });

    // Sanity: all three reach the server and get a message id back.
    await ours.sendText(TO, TEXT);
    await raw();
    await peer.sendMessage(PHONE_ID, TO, new Text(TEXT));

    await harness.compare({
      title: `sendText, ${CONCURRENCY} concurrent (loopback Graph stand-in)`,
      ours: { name: "@toktok/whatsapp-client", fn: batch(() => ours.sendText(TO, TEXT)), opsPerCall: CONCURRENCY },
      peers: [
        { name: "undici request (raw)", fn: batch(raw), opsPerCall: CONCURRENCY },
        {
          name: "whatsapp-api-js",
          fn: batch(() => peer.sendMessage(PHONE_ID, TO, new Text(TEXT))),
          opsPerCall: CONCURRENCY,
        },
      ],
      targets: { "undici request (raw)": 0.85, "whatsapp-api-js": 1.5 },
    });

    await ours.close();
    await agent.close();
    await server.close();
  },
};

export default suite;
