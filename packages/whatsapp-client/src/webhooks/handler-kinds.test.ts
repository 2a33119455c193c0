// Every webhook kind through the public handler, as Meta sends it: signed escaped-unicode bodies
// over a real loopback server, recorded before the 200.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookHandler, parseWebhookPayload, type WebhookEvent } from "../index.js";
import { kindFixture, kindFixtureNames, metaBody, sign } from "../test-support/webhook-fixtures.js";

const SECRET = "kinds-secret";
const recorded: WebhookEvent[][] = [];
const skipped: string[] = [];
const handler = createWebhookHandler({
  appSecret: SECRET,
  verifyToken: "t",
  phoneNumberIds: ["106540352242922"],
  record: async (events) => {
    recorded.push(events);
  },
  logger: { debug() {}, info() {}, warn: (_m, fields) => void skipped.push(String(fields?.path)), error() {} },
});
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(handler.node);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((r) => server.close(r)));

const post = (payload: unknown) => {
  const body = metaBody(payload);
  return fetch(url, { method: "POST", body, headers: { "x-hub-signature-256": sign(body, SECRET) } });
};

describe("createWebhookHandler — every webhook kind", () => {
  it.each(kindFixtureNames())("%s: 200 once recorded, the same events as the parser", async (name) => {
    recorded.length = 0;
    const payload = kindFixture(name);
    const response = await post(payload);
    expect(response.status).toBe(200);
    // Dates and all: what was recorded is what the public parser gives for the same body.
    expect(recorded).toEqual([parseWebhookPayload(metaBody(payload))]);
  });

  it("one delivery holding every kind and a broken item: the good events, in order, and 200", async () => {
    recorded.length = 0;
    skipped.length = 0;
    const entries = kindFixtureNames().flatMap((name) => kindFixture(name).entry as unknown[]);
    const broken = {
      id: "102290129340398",
      changes: [{ field: "calls", value: { metadata: { phone_number_id: "106540352242922" }, calls: [{ id: "x" }] } }],
    };
    const payload = {
      object: "whatsapp_business_account",
      entry: [...entries.slice(0, 5), broken, ...entries.slice(5)],
    };
    const response = await post(payload);
    expect(response.status).toBe(200);
    const expected = kindFixtureNames().flatMap((name) => parseWebhookPayload(kindFixture(name)));
    expect(recorded).toEqual([expected]);
    expect(skipped).toEqual(["entry[5].changes[0].value.calls[0].from"]);
  });
});
