// The "WhatsApp Flows" examples of the README, extracted from README.md and
// run for real: the courier Flow created and sent against the loopback Graph
// stand-in, then the data-exchange endpoint answering requests encrypted as
// WhatsApp does. A README edit that breaks them fails here.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pkg from "../index.js";
import { decryptAsMeta, encryptAsMeta, flowKeyPair } from "../test-support/flow-client.js";
import { type GraphServer, json, startGraphServer } from "../test-support/graph-server.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("### WhatsApp Flows"), readme.indexOf("### Account tools"));
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** Runs a README block as the body of an async function with `scope` in view; `result` names what it returns. */
function run(code: string, scope: Record<string, unknown>, result: string): Promise<unknown> {
  const js = ts.transpileModule(`${code}\nreturn ${result};`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<unknown>;
  return new AsyncFunction(...Object.keys(scope), js)(...Object.values(scope));
}

let graph: GraphServer;
beforeAll(async () => {
  graph = await startGraphServer();
});
afterAll(() => graph.close());

describe("README: WhatsApp Flows", () => {
  it("has the two examples", () => {
    expect(blocks).toHaveLength(2);
  });

  it("builds the courier Flow, creates it published and sends it", async () => {
    const clients: pkg.WhatsAppClient[] = [];
    class WhatsAppClient extends pkg.WhatsAppClient {
      constructor(options: pkg.WhatsAppClientOptions) {
        super({ ...options, baseUrl: graph.url }); // (test only: the README talks to graph.facebook.com)
        clients.push(this);
      }
    }
    graph.queue.push(json(200, { id: "1234567890" }));
    const scope = {
      ...pkg,
      WhatsAppClient,
      accessToken: "t",
      phoneNumberId: "106540352242922",
      businessAccountId: "102290129340398",
    };
    const courier = (await run(blocks[0] as string, scope, "courier")) as pkg.FlowJson;
    await Promise.all(clients.map((c) => c.close()));
    expect(courier.screens[0]?.layout.children.map((c) => c.type)).toEqual([
      "TextInput",
      "TextInput",
      "TextInput",
      "TextInput",
      "Footer",
    ]);
    const [create, send] = graph.requests;
    expect(create?.url).toBe("/v23.0/102290129340398/flows");
    expect(create?.json()).toMatchObject({
      name: "demande_de_course",
      categories: ["OTHER"],
      publish: true,
      flow_json: JSON.stringify(courier),
    });
    expect(send?.url).toBe("/v23.0/106540352242922/messages");
    expect((send!.json().interactive as { action: unknown }).action).toEqual({
      name: "flow",
      parameters: {
        flow_message_version: "3",
        flow_id: "1234567890",
        flow_token: "course:242061234567:1",
        flow_cta: "Demander",
        flow_action: "navigate",
        flow_action_payload: { screen: "COURSE" },
      },
    });
  });

  it("serves the data-exchange endpoint of the README", async () => {
    const keys = flowKeyPair("phrase");
    process.env.FLOW_PRIVATE_KEY = keys.privateKey;
    process.env.FLOW_KEY_PASSPHRASE = "phrase";
    delete process.env.WA_APP_SECRET;
    let listening: unknown;
    const http = { createServer: (handler: unknown) => ({ listen: () => (listening = handler) }) };
    const sessions = { has: async (token: unknown) => token === "course:1" };
    const zones = async () => ["Bacongo", "Poto-Poto"];
    const endpoint = (await run(
      blocks[1] as string,
      { ...pkg, http, sessions, zones },
      "endpoint",
    )) as pkg.FlowEndpointHandler;
    expect(listening).toBe(endpoint.node);
    const call = async (payload: unknown) => {
      const sent = encryptAsMeta(payload, keys.publicKey);
      const res = await endpoint.fetch(
        new Request("http://x/flow", { method: "POST", body: JSON.stringify(sent.body) }),
      );
      return { status: res.status, body: decryptAsMeta(await res.text(), sent.aesKey, sent.iv) };
    };
    expect(await call({ version: "3.0", action: "ping" })).toEqual({
      status: 200,
      body: { data: { status: "active" } },
    });
    expect(await call({ version: "3.0", action: "INIT", flow_token: "course:1" })).toEqual({
      status: 200,
      body: { screen: "COURSE", data: { zones: ["Bacongo", "Poto-Poto"] } },
    });
    expect(await call({ version: "3.0", action: "INIT", flow_token: "old" })).toEqual({
      status: 427,
      body: { error_msg: "Cette demande a expiré." },
    });
  });
});
