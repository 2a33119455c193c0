import { createHmac } from "node:crypto";
import { flowKeyPair, sealFlowRequest } from "@toktok/whatsapp-client/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { COURIER_FORM_ANSWERS, offeredFlowToken, postFormCompletion } from "./courier-form-play.ts";

// The Flows data-exchange endpoint of the real bot on loopback, called as WhatsApp does: a key pair
// generated here, each request encrypted under the public key and signed with the app secret.
describe("delivery bot: POST /flows/endpoint", () => {
  const keys = flowKeyPair();
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      // As an operator puts a PEM in one line of an .env file.
      env: {
        WHATSAPP_FLOW_PRIVATE_KEY: keys.privateKey.replaceAll("\n", "\\n"),
        WHATSAPP_BLOCKED_USERS: "242060000099",
        WHATSAPP_FLOW_COURIER_ID: "7001",
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

  /** `/livreur` from `waId`, and the flow_token of the Flow message the bot answered with. */
  async function offeredForm(waId: string) {
    const customer = sim.customer(waId, "Awa");
    await customer.say("/livreur");
    return { customer, token: offeredFlowToken(sim, waId) };
  }

  it("answers Meta's health check", async () => {
    expect(await whatsapp({ version: "3.0", action: "ping" })).toEqual({
      status: 200,
      body: { data: { status: "active" } },
    });
  });

  it("serves the courier form to the token the courier flow issued, and completes it with the answers", async () => {
    const { token } = await offeredForm("242061110030");
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

  it("refuses a token it never issued, another user's, or a blocked user's, with 427", async () => {
    const { token } = await offeredForm("242061110031");
    const guessed = "courier:242061110031:wamid.X";
    const stolen = token.replace("242061110031", "242061110032");
    for (const flow_token of ["forged", guessed, stolen, "courier:242060000099:wamid.X"]) {
      const answer = await whatsapp({ version: "3.0", action: "INIT", flow_token });
      expect(answer.status).toBe(427);
      expect(answer.body).toMatchObject({ error_msg: expect.stringContaining("expiré") });
    }
  });

  it("a courier request completed as a data_exchange Flow form creates exactly one mission", async () => {
    const waId = "242061110040";
    const { customer, token } = await offeredForm(waId);
    // WhatsApp opens the form on the endpoint, then posts its answers to it…
    const opened = await whatsapp({ version: "3.0", action: "INIT", flow_token: token });
    expect(opened).toEqual({ status: 200, body: { screen: "COURSE", data: {} } });
    const data = COURIER_FORM_ANSWERS;
    const sent = await whatsapp({ version: "3.0", action: "data_exchange", screen: "COURSE", data, flow_token: token });
    expect(sent.status).toBe(200);
    type Success = { screen: string; data: { extension_message_response: { params: Record<string, unknown> } } };
    const { screen, data: success } = sent.body as Success;
    expect(screen).toBe("SUCCESS");
    // …and the user's chat receives the completion carrying what the endpoint answered.
    await postFormCompletion(sim, waId, success.extension_message_response.params);
    await customer.expect("Récapitulatif", 2_000);
    await customer.say("1"); // Confirmer
    await customer.expect("COUR-", 2_000);
    const missions = await sim.bot.backend.missions.list({ clientPhone: waId });
    expect(missions).toHaveLength(1);
    expect(missions[0]).toMatchObject({
      pickup: { address: "Marché Total, Poto-Poto" },
      destination: { address: "Rond-point Moungali" },
      parcelValue: 15000,
      recipient: { name: "Marie Okemba", phone: "+242061234567" },
    });
    // The token is spent: the form no longer opens, and the same completion again creates nothing.
    expect((await whatsapp({ version: "3.0", action: "INIT", flow_token: token })).status).toBe(427);
    await postFormCompletion(sim, waId, success.extension_message_response.params);
    await customer.expect("déjà été envoyé", 2_000);
    expect(await sim.bot.backend.missions.list({ clientPhone: waId })).toHaveLength(1);
  });

  it("refuses a request not signed with the app secret (432)", async () => {
    const answer = await whatsapp({ version: "3.0", action: "ping" }, `sha256=${"0".repeat(64)}`);
    expect(answer.status).toBe(432);
  });
});
