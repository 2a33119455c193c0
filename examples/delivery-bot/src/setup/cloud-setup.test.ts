import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { courierFormJson, merchantFormJson } from "@toktok/flows";
import { WhatsAppClient } from "@toktok/whatsapp-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";
import { cloudSetup, FLOW_NAMES, FlowNotPublishedError, type SetupApi } from "./cloud-setup.ts";

const TOKEN = "EAAG-setup";
const PHONE = "555000222";
const WABA = "102290129340398";

// cloud:setup against the Graph stand-in's management routes (Meta's shapes), run twice to show it is idempotent.
describe("cloud:setup", () => {
  let graph: GraphStandIn;
  let client: WhatsAppClient;
  beforeEach(async () => {
    graph = await startGraphStandIn({ accessToken: TOKEN, phoneNumberId: PHONE, businessAccountId: WABA });
    client = new WhatsAppClient({
      accessToken: TOKEN,
      phoneNumberId: PHONE,
      businessAccountId: WABA,
      baseUrl: graph.url,
    });
  });
  afterEach(async () => {
    await client.close();
    await graph.close();
  });

  const { publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

  it("sets the commands and ice breakers, publishes both Flows, registers the key, makes each shop's QR code; a second run changes nothing", async () => {
    const first = await cloudSetup({ api: client, shops: ["epicerie-plateau", "boutique-42"], publicKey });
    const { management } = graph;
    // The body Meta's conversational_automation reference describes.
    expect(management.automation).toEqual({
      enable_welcome_message: true,
      prompts: ["Je veux commander dans une boutique", "Je veux envoyer un colis", "Je veux inscrire mon commerce"],
      commands: [
        { command_name: "commande", command_description: "Commander dans une boutique" },
        { command_name: "livreur", command_description: "Demander un livreur pour un colis" },
      ],
    });
    // multipart/form-data sends a field's line breaks as CRLF.
    expect(management.publicKey?.replaceAll("\r\n", "\n").trim()).toBe(publicKey.trim());
    const flows = [...management.flows.values()];
    expect(flows.map((f) => [f.name, f.status])).toEqual([
      [FLOW_NAMES.courier, "PUBLISHED"],
      [FLOW_NAMES.merchant, "PUBLISHED"],
    ]);
    expect(JSON.parse(flows[0]?.json ?? "")).toEqual(JSON.parse(JSON.stringify(courierFormJson("fr"))));
    expect(JSON.parse(flows[1]?.json ?? "")).toEqual(JSON.parse(JSON.stringify(merchantFormJson("fr"))));
    expect(first.flows.courier).toEqual({ id: flows[0]?.id, status: "created" });
    expect([...management.qrCodes.values()].map((q) => q.prefilledMessage)).toEqual([
      "COMMANDE epicerie-plateau",
      "COMMANDE boutique-42",
    ]);
    expect(first.qrCodes[1]).toMatchObject({
      shop: "boutique-42",
      created: true,
      link: expect.stringMatching(/^https:\/\/wa\.me\/message\/\d+$/),
      image: expect.stringMatching(/\.png$/),
    });
    expect(first.env).toEqual([
      `WHATSAPP_FLOW_COURIER_ID=${flows[0]?.id}`,
      "WHATSAPP_FLOW_COURIER_MODE=navigate",
      `WHATSAPP_FLOW_MERCHANT_ID=${flows[1]?.id}`,
    ]);

    const again = await cloudSetup({ api: client, shops: ["epicerie-plateau", "boutique-42"], publicKey });
    expect(management.flows.size).toBe(2);
    expect(management.qrCodes.size).toBe(2);
    expect(again.flows.courier).toEqual({ id: first.flows.courier.id, status: "already published" });
    expect(again.qrCodes.map((q) => [q.code, q.created])).toEqual(first.qrCodes.map((q) => [q.code, false]));
    expect(again.env).toEqual(first.env);
  });

  it("finishes a Flow a failed run left as a draft (same id), and creates the data_exchange courier form with its endpoint", async () => {
    const draft = await client.createFlow({ name: FLOW_NAMES.courier, categories: ["OTHER"] });
    const result = await cloudSetup({
      api: client,
      shops: [],
      courierMode: "data_exchange",
      endpointUri: "https://bot.example.cg/flows/endpoint",
    });
    expect(result.flows.courier).toEqual({ id: draft.id, status: "published" });
    const courier = graph.management.flows.get(draft.id);
    expect(courier?.status).toBe("PUBLISHED");
    expect(JSON.parse(courier?.json ?? "")).toEqual(JSON.parse(JSON.stringify(courierFormJson("fr", "data_exchange"))));
    expect(result.env).toContain("WHATSAPP_FLOW_COURIER_MODE=data_exchange");
    await expect(cloudSetup({ api: client, shops: [], courierMode: "data_exchange" })).rejects.toThrow(/endpointUri/);
  });

  it("leaves a Flow Meta refuses as a draft and names its problems", async () => {
    const problem = { error: "INVALID_PROPERTY", errorType: undefined, message: "bad label" };
    const refusing: SetupApi = {
      setConversationalAutomation: (settings) => client.setConversationalAutomation(settings),
      listFlows: (options) => client.listFlows(options),
      createFlow: async () => ({
        id: "1",
        validationErrors: [{ ...problem, lineStart: undefined, columnStart: undefined }],
      }),
      updateFlowJson: (id, json) => client.updateFlowJson(id, json),
      publishFlow: (id) => client.publishFlow(id),
      setBusinessPublicKey: (key) => client.setBusinessPublicKey(key),
      listQrCodes: (options) => client.listQrCodes(options),
      createQrCode: (text, options) => client.createQrCode(text, options),
    };
    const run = cloudSetup({ api: refusing, shops: [] });
    await expect(run).rejects.toBeInstanceOf(FlowNotPublishedError);
    await expect(run).rejects.toThrow(/toktok_demande_livreur.*bad label/);
  });

  const cli = fileURLToPath(new URL("./cloud-setup-cli.ts", import.meta.url));
  const env = () => ({
    PATH: process.env.PATH ?? "",
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE,
    WHATSAPP_APP_SECRET: "0123456789abcdef",
    WHATSAPP_VERIFY_TOKEN: "setup",
    WHATSAPP_API_BASE_URL: graph.url,
  });

  it("as `pnpm cloud:setup --shop boutique-42`: prints the environment lines to set", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, "--shop", "boutique-42"], {
      env: { ...env(), WHATSAPP_BUSINESS_ACCOUNT_ID: WABA },
    });
    const [courier, merchant] = [...graph.management.flows.values()];
    expect(stdout.trim().split("\n")).toEqual([
      `WHATSAPP_FLOW_COURIER_ID=${courier?.id}`,
      "WHATSAPP_FLOW_COURIER_MODE=navigate",
      `WHATSAPP_FLOW_MERCHANT_ID=${merchant?.id}`,
    ]);
    expect(stderr).toMatch(/COMMANDE boutique-42: https:\/\/wa\.me\/message\/\d+ \(PNG /);
    expect([...graph.management.qrCodes.values()].map((q) => q.prefilledMessage)).toEqual(["COMMANDE boutique-42"]);
  });

  it("names WHATSAPP_BUSINESS_ACCOUNT_ID when it is missing, and exits 1", async () => {
    const run = promisify(execFile)(process.execPath, [cli], { env: env() });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/WHATSAPP_BUSINESS_ACCOUNT_ID/) });
    expect(graph.management.flows.size).toBe(0);
  });
});

describe("the Graph stand-in's Flow creation", () => {
  it("takes the multipart form of Meta's reference as well as JSON", async () => {
    const graph = await startGraphStandIn({ accessToken: TOKEN, phoneNumberId: PHONE, businessAccountId: WABA });
    try {
      const form = new FormData();
      form.set("name", "formulaire");
      form.set("categories", '["OTHER"]');
      const res = await fetch(`${graph.url}/v23.0/${WABA}/flows`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
        body: form,
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      expect(graph.management.flows.get(id)).toMatchObject({
        name: "formulaire",
        categories: ["OTHER"],
        status: "DRAFT",
      });
    } finally {
      await graph.close();
    }
  });
});
