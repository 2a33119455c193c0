import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../../backend/memory-backend.js";
import { formatXaf } from "../../i18n/format.js";
import { createTestConversation } from "../../testing/test-conversation.js";
import { courierFlow } from "./courier-flow.js";
import { courierFormJson } from "./courier-form.js";
import { COURIER_DETAILS_SCREEN, COURIER_ROUTE_SCREEN, courierFormExchange } from "./courier-form-exchange.js";

// The courier form in data_exchange mode: the endpoint's answers, as `createFlowEndpointHandler`
// would encrypt them, played screen by screen, then the completion they lead to in the chat.

const route = { pickup: "Marché Total, Poto-Poto", destination: "Rond-point Moungali", value: "15000" };
const details = { recipient_name: "Marie Okemba", recipient_phone: "06 123 4567", description: "2 pagnes" };

/** A courier flow offering the data_exchange form, and the token of the form it offered. */
async function offered() {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const chat = createTestConversation({
    flows: [courierFlow({ backend, form: { flowId: "7002", mode: "data_exchange" } })],
  });
  const start = await chat.send("/livreur");
  const flow = start.replies.find((r) => r.type === "flow");
  if (flow?.type !== "flow") throw new Error("no form offered");
  return { backend, chat, flow: flow.flow };
}

describe("the courier form in data_exchange mode", () => {
  it("is a two-screen endpoint Flow: the route and value, then the quoted details", () => {
    const json = courierFormJson("fr", "data_exchange");
    expect(json.data_api_version).toBe("3.0");
    expect(json.routing_model).toEqual({ ROUTE: ["DETAILS"], DETAILS: [] });
    expect(json.screens.map((s) => [s.id, s.terminal ?? false])).toEqual([
      ["ROUTE", false],
      ["DETAILS", true],
    ]);
    const footers = json.screens.map((s) => s.layout.children.find((c) => c.type === "Footer"));
    expect(footers.map((f) => (f?.type === "Footer" ? f["on-click-action"].name : undefined))).toEqual([
      "data_exchange",
      "data_exchange",
    ]);
  });

  it("is offered without a screen: WhatsApp asks the endpoint (INIT)", async () => {
    const { flow } = await offered();
    expect(flow).toEqual({
      flowId: "7002",
      flowToken: expect.stringMatching(/^courier:242061234567:/),
      cta: "Remplir le formulaire",
      body: expect.any(String),
      mode: "data_exchange",
    });
  });

  it("quotes the price with missions.quote before the last screen, and ends with every answer", async () => {
    const { backend, chat, flow } = await offered();
    const endpoint = courierFormExchange({ backend });
    const token = flow.flowToken;
    expect(await endpoint({ version: "3.0", action: "INIT", flowToken: token })).toEqual({
      screen: COURIER_ROUTE_SCREEN,
      data: {},
    });
    const quoted = await endpoint({
      version: "3.0",
      action: "data_exchange",
      screen: COURIER_ROUTE_SCREEN,
      data: route,
      flowToken: token,
    });
    const { price } = await backend.missions.quote({
      pickup: { address: route.pickup },
      destination: { address: route.destination },
      parcelValue: 15000,
    });
    expect(quoted).toEqual({
      screen: COURIER_DETAILS_SCREEN,
      data: { ...route, price: `Prix de la course : ${formatXaf(price, "fr")}` },
    });
    const ended = await endpoint({
      version: "3.0",
      action: "data_exchange",
      screen: COURIER_DETAILS_SCREEN,
      data: { ...route, ...details },
      flowToken: token,
    });
    const params = { flow_token: token, ...route, ...details };
    expect(ended).toEqual({ screen: "SUCCESS", data: { extension_message_response: { params } } });
    // WhatsApp sends those params as the completion: the recap, then one mission at the quoted price.
    const { flow_token, ...response } = params;
    const recap = await chat.deliver({ type: "nfm_reply", name: "flow", response: { flow_token, ...response } });
    expect(recap.text).toContain(formatXaf(price, "fr"));
    expect((await chat.tap("courier:confirm")).text).toMatch(/COUR-20261121-001/);
    const [mission] = await backend.missions.list({ clientPhone: "242061234567" });
    expect(mission).toMatchObject({ price, parcelValue: 15000, recipient: { phone: "+242061234567" } });
  });

  it("keeps the route screen with an error message for a bad value or address, and acknowledges error notifications", async () => {
    const endpoint = courierFormExchange({ backend: new MemoryBackend(), maxParcelValue: 100_000, locale: "en" });
    for (const data of [
      { ...route, value: "-5" },
      { ...route, value: "200000" },
      { ...route, pickup: "x" },
    ]) {
      const answer = await endpoint({ version: "3.0", action: "data_exchange", screen: COURIER_ROUTE_SCREEN, data });
      expect(answer).toEqual({
        screen: COURIER_ROUTE_SCREEN,
        data: { error_message: expect.stringContaining(`up to ${formatXaf(100_000, "en")}`) },
      });
    }
    const notice = { error: "INVALID_SCREEN", error_message: "bad screen" };
    expect(await endpoint({ version: "3.0", action: "data_exchange", screen: "ROUTE", data: notice })).toBeUndefined();
  });
});
