// A courier request as a WhatsApp Flow form, end to end inside this package:
// the Flow is created and sent (data_exchange) through the Graph stand-in,
// WhatsApp's side is played by encrypting each request as Meta's client does
// against the endpoint on real HTTP, and the completion comes back as the
// signed `nfm_reply` webhook the handler parses. What a bot adds on top is
// the session behind `flow_token` and the mission it creates.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createFlowEndpointHandler,
  createWebhookHandler,
  type FlowRequest,
  FlowTokenNoLongerValidError,
  flowDataExchange,
  flowFooter,
  flowJson,
  flowScreen,
  flowTextInput,
  formRef,
  type MessageEvent,
  type WebhookEvent,
  WhatsAppClient,
} from "../index.js";
import { decryptAsMeta, encryptAsMeta, flowKeyPair } from "../test-support/flow-client.js";
import { type GraphServer, json, startGraphServer } from "../test-support/graph-server.js";
import { metaBody, sign } from "../test-support/webhook-fixtures.js";

const SECRET = "app-secret";
const keys = flowKeyPair();
let graph: GraphServer;
let endpointServer: Server;
let endpointUrl: string;
const sessions = new Map<string, Record<string, unknown>>();

const form = flowJson({
  routingModel: { ROUTE: ["PARCEL"], PARCEL: [] },
  screens: [
    flowScreen({
      id: "ROUTE",
      title: "Nouvelle course",
      children: [
        flowTextInput({ name: "pickup", label: "Départ", required: true }),
        flowTextInput({ name: "destination", label: "Destination", required: true }),
        flowFooter("Suivant", flowDataExchange({ pickup: formRef("pickup"), destination: formRef("destination") })),
      ],
    }),
    flowScreen({
      id: "PARCEL",
      title: "Le colis",
      terminal: true,
      children: [
        flowTextInput({ name: "recipient", label: "Destinataire", required: true }),
        flowTextInput({ name: "value", label: "Valeur (FCFA)", inputType: "number" }),
        flowFooter("Envoyer", flowDataExchange({ recipient: formRef("recipient"), value: formRef("value") })),
      ],
    }),
  ],
});

// The bot's side of the endpoint: the token names a session; each screen's answers are kept in it.
async function onRequest(req: FlowRequest) {
  const session = req.flowToken === undefined ? undefined : sessions.get(req.flowToken);
  if (session === undefined)
    throw new FlowTokenNoLongerValidError("Cette demande a expiré, recommencez depuis le menu.");
  if (req.action === "INIT") return { screen: "ROUTE", data: {} };
  Object.assign(session, req.data);
  if (req.screen === "ROUTE") return { screen: "PARCEL", data: {} };
  sessions.delete(req.flowToken as string);
  return {
    screen: "SUCCESS",
    data: { extension_message_response: { params: { flow_token: req.flowToken, ...session } } },
  };
}

beforeAll(async () => {
  graph = await startGraphServer();
  endpointServer = createServer(
    createFlowEndpointHandler({ privateKey: keys.privateKey, appSecret: SECRET, onRequest }).node,
  );
  await new Promise<void>((resolve) => endpointServer.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpointServer.address() as AddressInfo).port}/flow`;
});
afterAll(async () => {
  await graph.close();
  await new Promise<void>((resolve) => endpointServer.close(() => resolve()));
});

/** WhatsApp's client: encrypt, sign, post, decrypt the answer. */
async function whatsapp(payload: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const sent = encryptAsMeta(payload, keys.publicKey);
  const raw = JSON.stringify(sent.body);
  const res = await fetch(endpointUrl, {
    method: "POST",
    headers: { "x-hub-signature-256": sign(raw, SECRET) },
    body: raw,
  });
  return { status: res.status, body: decryptAsMeta(await res.text(), sent.aesKey, sent.iv) };
}

it("a courier request filled as a Flow form reaches the bot as one typed completion", async () => {
  const wa = new WhatsAppClient({
    accessToken: "t",
    phoneNumberId: "106540352242922",
    businessAccountId: "102290129340398",
    baseUrl: graph.url,
  });
  graph.queue.push(json(200, { id: "7001" }));
  const { id: flowId } = await wa.createFlow({
    name: "demande_de_course",
    categories: ["OTHER"],
    flowJson: form,
    endpointUri: "https://bot.toktok.cg/flow",
    publish: true,
  });
  const token = "course:242061234567:1";
  sessions.set(token, {});
  await wa.sendFlow("06 123 4567", {
    flowId,
    flowToken: token,
    cta: "Demander",
    body: "Votre course",
    mode: "data_exchange",
  });
  await wa.close();

  expect(await whatsapp({ version: "3.0", action: "ping" })).toEqual({
    status: 200,
    body: { data: { status: "active" } },
  });
  expect(await whatsapp({ version: "3.0", action: "INIT", flow_token: token })).toEqual({
    status: 200,
    body: { screen: "ROUTE", data: {} },
  });
  const route = { pickup: "Marché Total, Bacongo", destination: "Moungali" };
  expect(
    await whatsapp({ version: "3.0", action: "data_exchange", screen: "ROUTE", data: route, flow_token: token }),
  ).toEqual({
    status: 200,
    body: { screen: "PARCEL", data: {} },
  });
  const done = await whatsapp({
    version: "3.0",
    action: "data_exchange",
    screen: "PARCEL",
    data: { recipient: "Awa", value: "15000" },
    flow_token: token,
  });
  const params = { flow_token: token, ...route, recipient: "Awa", value: "15000" };
  expect(done).toEqual({ status: 200, body: { screen: "SUCCESS", data: { extension_message_response: { params } } } });
  // The same form sent again once it is spent: 427, and WhatsApp shows the message.
  expect(await whatsapp({ version: "3.0", action: "INIT", flow_token: token })).toEqual({
    status: 427,
    body: { error_msg: "Cette demande a expiré, recommencez depuis le menu." },
  });

  // WhatsApp then posts the completion to the webhook: the params come back as `nfm_reply`.
  const events: WebhookEvent[] = [];
  const webhook = createWebhookHandler({ appSecret: SECRET, verifyToken: "v", onEvent: (e) => void events.push(e) });
  const delivery = metaBody({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "242050000000", phone_number_id: "106540352242922" },
              contacts: [{ profile: { name: "Awa" }, wa_id: "242061234567" }],
              messages: [
                {
                  context: { from: "242050000000", id: "wamid.FLOW" },
                  from: "242061234567",
                  id: "wamid.DONE",
                  timestamp: "1764950400",
                  type: "interactive",
                  interactive: {
                    type: "nfm_reply",
                    nfm_reply: { name: "flow", body: "Sent", response_json: JSON.stringify(params) },
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const res = await webhook.fetch(
    new Request("http://x/webhook", {
      method: "POST",
      headers: { "x-hub-signature-256": sign(delivery, SECRET) },
      body: delivery,
    }),
  );
  expect(res.status).toBe(200);
  await webhook.drain();
  const completion = events.find((e): e is MessageEvent => e.kind === "message");
  expect(completion?.from).toBe("242061234567");
  expect(completion?.message).toEqual({ type: "nfm_reply", name: "flow", body: "Sent", response: params });

  const [create, send] = graph.requests;
  expect(create?.json()).toMatchObject({ endpoint_uri: "https://bot.toktok.cg/flow", publish: true });
  expect(JSON.parse(create?.json().flow_json as string)).toMatchObject({
    data_api_version: "3.0",
    routing_model: { ROUTE: ["PARCEL"] },
  });
  expect(
    (send!.json().interactive as { action: { parameters: Record<string, unknown> } }).action.parameters,
  ).toMatchObject({
    flow_id: "7001",
    flow_token: token,
    flow_action: "data_exchange",
  });
});
