import { createHmac, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { sealFlowRequest } from "../simulator/flow-client.ts";

// The Flows data-exchange endpoint of the real bot on loopback, called as WhatsApp does: a key pair
// generated here, each request encrypted under the public key and signed with the app secret.
describe("delivery bot: POST /flows/endpoint", () => {
  const keys = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      // As an operator puts a PEM in one line of an .env file.
      env: {
        WHATSAPP_FLOW_PRIVATE_KEY: keys.privateKey.replaceAll("\n", "\\n"),
        WHATSAPP_BLOCKED_USERS: "242060000099",
      },
    });
  });
  afterAll(() => sim.close());

  async function whatsapp(payload: Record<string, unknown>, signature?: string) {
    const sealed = sealFlowRequest(payload, keys.publicKey);
    const raw = JSON.stringify(sealed.body);
    const res = await fetch(`${sim.server.url}/flows/endpoint`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256":
          signature ?? `sha256=${createHmac("sha256", sim.secrets.appSecret).update(raw).digest("hex")}`,
      },
      body: raw,
    });
    const text = await res.text();
    return { status: res.status, body: res.status === 200 || res.status === 427 ? sealed.open(text) : text };
  }

  it("answers Meta's health check", async () => {
    expect(await whatsapp({ version: "3.0", action: "ping" })).toEqual({
      status: 200,
      body: { data: { status: "active" } },
    });
  });

  it("serves the courier form to a token the courier flow issued, and completes it with the answers", async () => {
    const token = "courier:242061110030:wamid.X";
    expect(await whatsapp({ version: "3.0", action: "INIT", flow_token: token })).toEqual({
      status: 200,
      body: { screen: "COURSE", data: {} },
    });
    const data = { pickup: "Poto-Poto", destination: "Bacongo", value: "5000" };
    expect(
      await whatsapp({ version: "3.0", action: "data_exchange", screen: "COURSE", data, flow_token: token }),
    ).toEqual({
      status: 200,
      body: { screen: "SUCCESS", data: { extension_message_response: { params: { ...data, flow_token: token } } } },
    });
  });

  it("refuses a token it never issued, or a blocked user's, with 427", async () => {
    for (const flow_token of ["forged", "courier:242060000099:wamid.X"]) {
      const answer = await whatsapp({ version: "3.0", action: "INIT", flow_token });
      expect(answer.status).toBe(427);
      expect(answer.body).toMatchObject({ error_msg: expect.stringContaining("expiré") });
    }
  });

  it("refuses a request not signed with the app secret (432)", async () => {
    const answer = await whatsapp({ version: "3.0", action: "ping" }, `sha256=${"0".repeat(64)}`);
    expect(answer.status).toBe(432);
  });
});
