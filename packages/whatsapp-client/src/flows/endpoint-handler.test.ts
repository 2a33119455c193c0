import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhatsAppValidationError } from "../errors.js";
import { decryptAsMeta, encryptAsMeta, flowKeyPair } from "../test-support/flow-client.js";
import { sign } from "../test-support/webhook-fixtures.js";
import type { FlowRequest } from "./crypto.js";
import { createFlowEndpointHandler } from "./endpoint-handler.js";
import { FlowTokenNoLongerValidError } from "./errors.js";

// The endpoint over real HTTP on loopback (the Node adapter) and through the
// Fetch adapter, with requests encrypted and signed as WhatsApp does.

const SECRET = "app-secret-for-tests";
const keys = flowKeyPair("pass-phrase");
const seen: FlowRequest[] = [];
const logged: string[] = [];

const handler = createFlowEndpointHandler({
  privateKey: keys.privateKey,
  passphrase: "pass-phrase",
  appSecret: SECRET,
  logger: { debug() {}, info() {}, warn: (m) => logged.push(m), error: (m) => logged.push(m) },
  onRequest: async (request) => {
    seen.push(request);
    if (request.flowToken === "spent") throw new FlowTokenNoLongerValidError("Cette demande a déjà été envoyée.");
    if (request.flowToken === "bug") throw new Error("database down");
    if (request.data?.error !== undefined) return undefined;
    if (request.action === "INIT") return { screen: "PICKUP", data: { cities: ["Brazzaville", "Pointe-Noire"] } };
    return { screen: "SUCCESS", data: { extension_message_response: { params: { flow_token: request.flowToken } } } };
  },
});

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(handler.node);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flow`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(payload: unknown, options: { signWith?: string; publicKey?: string } = {}) {
  const sent = encryptAsMeta(payload, options.publicKey ?? keys.publicKey);
  const raw = JSON.stringify(sent.body);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": sign(raw, options.signWith ?? SECRET) },
    body: raw,
  });
  const text = await res.text();
  const decrypt = () => decryptAsMeta(text, sent.aesKey, sent.iv);
  return { status: res.status, text, decrypt };
}

describe("createFlowEndpointHandler (node adapter, real HTTP)", () => {
  it("answers ping by itself with { data: { status: active } }, encrypted", async () => {
    const before = seen.length;
    const res = await post({ version: "3.0", action: "ping" });
    expect(res.status).toBe(200);
    expect(res.decrypt()).toEqual({ data: { status: "active" } });
    expect(seen.length).toBe(before);
  });

  it("hands INIT and data_exchange to onRequest and encrypts its answer", async () => {
    const init = await post({ version: "3.0", action: "INIT", flow_token: "course:1" });
    expect(init.status).toBe(200);
    expect(init.decrypt()).toEqual({ screen: "PICKUP", data: { cities: ["Brazzaville", "Pointe-Noire"] } });
    const done = await post({
      version: "3.0",
      action: "data_exchange",
      screen: "RECIPIENT",
      data: { recipient: "Awa" },
      flow_token: "course:1",
    });
    expect(done.decrypt()).toEqual({
      screen: "SUCCESS",
      data: { extension_message_response: { params: { flow_token: "course:1" } } },
    });
    expect(seen.at(-1)).toEqual({
      version: "3.0",
      action: "data_exchange",
      screen: "RECIPIENT",
      data: { recipient: "Awa" },
      flowToken: "course:1",
    });
  });

  it("acknowledges an error notification that onRequest leaves unanswered", async () => {
    const res = await post({
      version: "3.0",
      action: "data_exchange",
      screen: "PICKUP",
      data: { error: "INVALID_SCREEN_TRANSITION", error_message: "no such screen" },
      flow_token: "course:2",
    });
    expect(res.decrypt()).toEqual({ data: { acknowledged: true } });
  });

  it("427 with the user's message (encrypted) for a spent Flow token", async () => {
    const res = await post({
      version: "3.0",
      action: "data_exchange",
      screen: "PICKUP",
      data: {},
      flow_token: "spent",
    });
    expect(res.status).toBe(427);
    expect(res.decrypt()).toEqual({ error_msg: "Cette demande a déjà été envoyée." });
  });

  it("432 for a bad signature, before decrypting anything", async () => {
    const before = seen.length;
    const res = await post({ version: "3.0", action: "INIT", flow_token: "x" }, { signWith: "another-secret" });
    expect(res.status).toBe(432);
    expect(seen.length).toBe(before);
  });

  it("421 when the request was encrypted for another key (the client re-downloads the public key)", async () => {
    const res = await post({ version: "3.0", action: "INIT" }, { publicKey: flowKeyPair().publicKey });
    expect(res.status).toBe(421);
  });

  it("500 without details when onRequest fails; logs carry neither key nor secret", async () => {
    const res = await post({ version: "3.0", action: "INIT", flow_token: "bug" });
    expect(res.status).toBe(500);
    expect(res.text).toBe("Internal Server Error");
    expect(logged.join(" ")).not.toMatch(/PRIVATE KEY|pass-phrase|app-secret/);
  });

  it("never crashes on junk: not JSON 400, unsigned 432, GET 405", async () => {
    const junk = "{not json";
    const r1 = await fetch(url, { method: "POST", headers: { "x-hub-signature-256": sign(junk, SECRET) }, body: junk });
    expect(r1.status).toBe(400);
    const r2 = await fetch(url, { method: "POST", body: "{}" });
    expect(r2.status).toBe(432);
    const r3 = await fetch(url);
    expect(r3.status).toBe(405);
    const empty = "{}";
    const r4 = await fetch(url, {
      method: "POST",
      headers: { "x-hub-signature-256": sign(empty, SECRET) },
      body: empty,
    });
    expect(r4.status).toBe(400);
  });
});

describe("createFlowEndpointHandler behind a body parser (node adapter)", () => {
  it("uses req.rawBody kept by the framework, refuses a body already parsed away, and caps the size", async () => {
    const plain = flowKeyPair();
    const endpoint = createFlowEndpointHandler({
      privateKey: plain.privateKey,
      appSecret: SECRET,
      maxBodyBytes: 2048,
      onRequest: () => ({ screen: "PICKUP", data: {} }),
    });
    // Like express.json() with a `verify` callback: the stream is consumed, the bytes kept on req.rawBody.
    const app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (req.url === "/kept") (req as typeof req & { rawBody: Buffer }).rawBody = Buffer.concat(chunks);
        endpoint.node(req, res);
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    try {
      const sent = encryptAsMeta({ version: "3.0", action: "INIT", flow_token: "t" }, plain.publicKey);
      const raw = JSON.stringify(sent.body);
      const headers = { "x-hub-signature-256": sign(raw, SECRET) };
      const kept = await fetch(`${base}/kept`, { method: "POST", headers, body: raw });
      expect(kept.status).toBe(200);
      expect(decryptAsMeta(await kept.text(), sent.aesKey, sent.iv)).toEqual({ screen: "PICKUP", data: {} });
      const lost = await fetch(`${base}/lost`, { method: "POST", headers, body: raw });
      expect(lost.status).toBe(400);
      expect(await lost.text()).toMatch(/rawBody/);
    } finally {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
    const direct = createServer(endpoint.node);
    await new Promise<void>((resolve) => direct.listen(0, "127.0.0.1", resolve));
    try {
      const big = await fetch(`http://127.0.0.1:${(direct.address() as AddressInfo).port}/`, {
        method: "POST",
        body: "x".repeat(10_000),
      });
      expect(big.status).toBe(413);
    } finally {
      await new Promise<void>((resolve) => direct.close(() => resolve()));
    }
  });
});

describe("createFlowEndpointHandler (fetch adapter)", () => {
  it("serves the same protocol without a signature check when no appSecret is given", async () => {
    const plain = flowKeyPair();
    const endpoint = createFlowEndpointHandler({
      privateKey: plain.privateKey,
      onRequest: () => ({ screen: "PICKUP", data: {} }),
      maxBodyBytes: 4096,
    });
    const sent = encryptAsMeta({ version: "3.0", action: "INIT", flow_token: "t" }, plain.publicKey);
    const res = await endpoint.fetch(new Request("http://x/flow", { method: "POST", body: JSON.stringify(sent.body) }));
    expect(res.status).toBe(200);
    expect(decryptAsMeta(await res.text(), sent.aesKey, sent.iv)).toEqual({ screen: "PICKUP", data: {} });
    const big = await endpoint.fetch(new Request("http://x/flow", { method: "POST", body: "x".repeat(5000) }));
    expect(big.status).toBe(413);
  });

  it("answers any signed body with a documented status, never a crash or a call to onRequest", async () => {
    const plain = flowKeyPair();
    let calls = 0;
    const endpoint = createFlowEndpointHandler({
      privateKey: plain.privateKey,
      appSecret: SECRET,
      onRequest: () => {
        calls++;
        return { data: {} };
      },
    });
    const bodies = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          encrypted_aes_key: fc.base64String(),
          encrypted_flow_data: fc.base64String(),
          initial_vector: fc.base64String(),
        })
        .map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        const res = await endpoint.fetch(
          new Request("http://x/flow", {
            method: "POST",
            headers: { "x-hub-signature-256": sign(raw, SECRET) },
            body: raw,
          }),
        );
        expect([400, 421]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
    expect(calls).toBe(0);
  });

  it("refuses options it cannot work with, naming the field", () => {
    const bad = (o: unknown) => {
      try {
        createFlowEndpointHandler(o as never);
      } catch (e) {
        return (e as WhatsAppValidationError).field;
      }
      return undefined;
    };
    expect(bad({ privateKey: "nope", onRequest: () => undefined })).toBe("privateKey");
    expect(bad({ privateKey: keys.privateKey, passphrase: "pass-phrase" })).toBe("onRequest");
    expect(bad({ privateKey: keys.privateKey, passphrase: "pass-phrase", onRequest() {}, appSecret: "" })).toBe(
      "appSecret",
    );
    const good = { privateKey: keys.privateKey, passphrase: "pass-phrase", onRequest() {} };
    expect(bad({ ...good, maxBodyBytes: 0 })).toBe("maxBodyBytes");
    expect(bad({ ...good, maxBodyBytes: Number.POSITIVE_INFINITY })).toBe("maxBodyBytes");
    expect(bad({ ...good, logger: { error() {} } })).toBe("logger");
    expect(bad({ ...good, passphrase: 42 })).toBe("passphrase");
    expect(bad({ ...good, privateKey: 42 })).toBe("privateKey");
    expect(bad(null)).toBe("options");
    expect(bad(good)).toBeUndefined();
  });

  it("accepts a body of 1 MB by default and refuses one byte more", async () => {
    const plain = flowKeyPair();
    const endpoint = createFlowEndpointHandler({ privateKey: plain.privateKey, onRequest: () => undefined });
    const body = (n: number) => new Request("http://x/flow", { method: "POST", body: "x".repeat(n) });
    // Not a Flow request (400), but read: it was under the limit.
    expect((await endpoint.fetch(body(1024 * 1024))).status).toBe(400);
    expect((await endpoint.fetch(body(1024 * 1024 + 1))).status).toBe(413);
  });
});
