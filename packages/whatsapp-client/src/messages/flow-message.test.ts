import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { messageExamples, specErrors } from "../test-support/openapi.js";

// Flow messages against Meta's four request examples (published and draft, by
// id and by name) and the OpenAPI schema.

const TO = "242061234567";
const graph = useGraphClients("test-token");

function example(name: string, flow: Record<string, string>): Record<string, unknown> {
  const raw = messageExamples[name];
  if (!raw) throw new Error(`no example ${name}`);
  let text = JSON.stringify({ recipient_type: "individual", ...raw }).replaceAll(
    '"{{Recipient-Phone-Number}}"',
    `"${TO}"`,
  );
  for (const [from, to] of Object.entries(flow)) text = text.replaceAll(from, to);
  return JSON.parse(text) as Record<string, unknown>;
}

function lastBody(): Record<string, unknown> {
  const body = graph.server.requests.at(-1)?.json() ?? {};
  expect(specErrors("Message", body)).toEqual([]);
  return body;
}

const common = {
  flowToken: "<FLOW_TOKEN>",
  screen: "SCREEN_ID",
  data: { "<CUSTOM_KEY>": "<CUSTOM_VALUE>" },
};

describe("sendFlow", () => {
  it("published Flow by id and by name, as in Meta's examples", async () => {
    const wa = graph.client();
    const texts = { cta: "Open Flow!", body: "<BODY_TEXT>", header: "<HEADER_TEXT>", footer: "<FOOTER_TEXT>" };
    await wa.sendFlow(TO, { flowId: "1234567890123", ...common, ...texts });
    expect(lastBody()).toEqual(
      example("Send Published Flow by ID", { "{{Flow-ID}}": "1234567890123", "<SCREEN_ID>": "SCREEN_ID" }),
    );
    await wa.sendFlow(TO, { flowName: "demande_de_course", ...common, ...texts });
    expect(lastBody()).toEqual(
      example("Send Published Flow by Name", { "{{Flow-Name}}": "demande_de_course", "<SCREEN_ID>": "SCREEN_ID" }),
    );
  });

  it("a draft Flow (Meta's mode draft) for testing", async () => {
    const wa = graph.client();
    const texts = { cta: "Not shown in draft mode", body: "Not shown in draft mode" };
    await wa.sendFlow(TO, {
      flowId: "99",
      ...common,
      ...texts,
      header: "Not shown in draft mode",
      footer: "Not shown in draft mode",
      draft: true,
    });
    expect(lastBody()).toEqual(example("Send Draft Flow by ID", { "{{Flow-ID}}": "99", "<SCREEN_ID>": "SCREEN_ID" }));
  });

  it("data_exchange leaves the first screen to the endpoint", async () => {
    const wa = graph.client();
    await wa.sendFlow(TO, {
      flowId: "77",
      flowToken: "course:M-1042",
      cta: "Demander",
      body: "Nouvelle course",
      mode: "data_exchange",
    });
    expect((lastBody().interactive as { action: unknown }).action).toEqual({
      name: "flow",
      parameters: {
        flow_message_version: "3",
        flow_id: "77",
        flow_token: "course:M-1042",
        flow_cta: "Demander",
        flow_action: "data_exchange",
      },
    });
  });

  it("names the field of every rule it enforces, before any request", async () => {
    const wa = graph.client();
    const base = { flowToken: "t", cta: "Ouvrir", body: "b", screen: "START" };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...base }, "content.flowId", /exactly one of flowId or flowName/],
      [{ ...base, flowId: "1", flowName: "x" }, "content.flowId", /exactly one/],
      [{ ...base, flowId: "abc" }, "content.flowId", /digits/],
      [{ ...base, flowId: "1", cta: "c".repeat(31) }, "content.cta", /at most 30/],
      [{ ...base, flowId: "1", cta: "Go 🚀" }, "content.cta", /no emoji/],
      [{ ...base, flowId: "1", screen: undefined }, "content.screen", /required when mode is navigate/],
      [{ ...base, flowId: "1", mode: "data_exchange" }, "content.screen", /not allowed with data_exchange/],
      [{ ...base, flowId: "1", data: {} }, "content.data", /must not be empty/],
      [{ ...base, flowId: "1", mode: "other" }, "content.mode", /./],
    ];
    for (const [content, field, rule] of cases) {
      const e = (await wa.sendFlow(TO, content as never).catch((x: unknown) => x)) as WhatsAppValidationError;
      expect(WhatsAppValidationError.isInstance(e), `${field}: ${String(e)}`).toBe(true);
      expect(e.field, JSON.stringify(content)).toBe(field);
      expect(e.rule).toMatch(rule);
    }
    expect(graph.server.requests).toHaveLength(0);
  });
});
