import { createHmac } from "node:crypto";
import { formatXaf } from "@toktok/flows";
import { flowKeyPair, sealFlowRequest } from "@toktok/whatsapp-client/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { COURIER_FORM_ANSWERS, offeredFlowToken, postFormCompletion } from "./courier-form-play.ts";

// WHATSAPP_FLOW_COURIER_MODE=data_exchange: the courier form's screens served by the bot's encrypted
// endpoint on loopback, the price it shows quoted by the backend, then the completion creating the mission.
describe("delivery bot: the courier form in data_exchange mode", () => {
  const keys = flowKeyPair();
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({
      logLevel: "silent",
      env: {
        WHATSAPP_FLOW_PRIVATE_KEY: keys.privateKey,
        WHATSAPP_FLOW_COURIER_ID: "7002",
        WHATSAPP_FLOW_COURIER_MODE: "data_exchange",
      },
    });
  });
  afterAll(() => sim.close());
  /** `POST /flows/endpoint` as WhatsApp calls it: encrypted under the public key, signed with the app secret. */
  async function call(payload: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const sealed = sealFlowRequest(payload, keys.publicKey);
    const raw = JSON.stringify(sealed.body);
    const signature = `sha256=${createHmac("sha256", sim.secrets.appSecret).update(raw).digest("hex")}`;
    const res = await fetch(`${sim.server.url}/flows/endpoint`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body: raw,
    });
    const text = await res.text();
    return { status: res.status, body: res.status === 200 ? sealed.open(text) : text };
  }

  it("sends the form with no screen, shows the backend's quote, and its completion creates the mission", async () => {
    const waId = "242061110060";
    const customer = sim.customer(waId, "Awa");
    await customer.say("/livreur");
    const token = offeredFlowToken(sim, waId);
    const offer = sim.graph.messages.filter((m) => m.to === waId && JSON.stringify(m.body).includes(token)).at(-1);
    // data_exchange: WhatsApp asks the endpoint for the first screen, so the message names none.
    expect(offer?.body).toMatchObject({ interactive: { action: { parameters: { flow_action: "data_exchange" } } } });
    expect(JSON.stringify(offer?.body)).not.toContain("flow_action_payload");

    expect(await call({ version: "3.0", action: "INIT", flow_token: token })).toEqual({
      status: 200,
      body: { screen: "ROUTE", data: {} },
    });
    const { pickup, destination, value } = COURIER_FORM_ANSWERS;
    const quoted = await call({
      version: "3.0",
      action: "data_exchange",
      screen: "ROUTE",
      data: { pickup, destination, value },
      flow_token: token,
    });
    const { price } = await sim.bot.backend.missions.quote({
      pickup: { address: pickup },
      destination: { address: destination },
      parcelValue: Number(value),
    });
    expect(quoted).toEqual({
      status: 200,
      body: {
        screen: "DETAILS",
        data: { pickup, destination, value, price: `Prix de la course : ${formatXaf(price, "fr")}` },
      },
    });
    const ended = await call({
      version: "3.0",
      action: "data_exchange",
      screen: "DETAILS",
      data: COURIER_FORM_ANSWERS,
      flow_token: token,
    });
    type Success = { screen: string; data: { extension_message_response: { params: Record<string, unknown> } } };
    const { screen, data } = ended.body as Success;
    expect(screen).toBe("SUCCESS");
    expect(data.extension_message_response.params).toEqual({ ...COURIER_FORM_ANSWERS, flow_token: token });

    await postFormCompletion(sim, waId, data.extension_message_response.params);
    await customer.expect("Récapitulatif", 2_000);
    await customer.say("1"); // Confirmer
    await customer.expect("COUR-", 2_000);
    const missions = await sim.bot.backend.missions.list({ clientPhone: waId });
    expect(missions).toHaveLength(1);
    expect(missions[0]).toMatchObject({ price, parcelValue: 15000, pickup: { address: pickup } });
  });

  it("keeps the route screen with an error message for a value it cannot take", async () => {
    const waId = "242061110061";
    await sim.customer(waId, "Awa").say("/livreur");
    const token = offeredFlowToken(sim, waId);
    const data = { pickup: "Poto-Poto", destination: "Bacongo", value: "-5" };
    const answer = await call({ version: "3.0", action: "data_exchange", screen: "ROUTE", data, flow_token: token });
    expect(answer).toMatchObject({
      status: 200,
      body: { screen: "ROUTE", data: { error_message: expect.any(String) } },
    });
  });
});
