import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { json } from "../test-support/graph-server.js";
import { flowComplete, flowFooter, flowTextInput, formRef } from "./flow-builders.js";
import { flowJson, flowScreen } from "./flow-json.js";

// The Flows API calls against the loopback Graph stand-in: paths, methods and
// bodies as in Meta's Flows API reference (JSON create with flow_json and
// publish; the JSON asset uploaded as multipart flow.json / FLOW_JSON).

const WABA = "102290129340398";
const graph = useGraphClients("test-token");
const client = () => graph.client({ businessAccountId: WABA });

const form = flowJson({
  screens: [
    flowScreen({
      id: "PICKUP",
      title: "Départ",
      terminal: true,
      children: [
        flowTextInput({ name: "pickup", label: "Départ", required: true }),
        flowFooter("Envoyer", flowComplete({ pickup: formRef("pickup") })),
      ],
    }),
  ],
});

describe("Flows management", () => {
  it("createFlow posts JSON on the business account, flow_json as a string", async () => {
    graph.server.queue.push(json(200, { id: "1234567890", success: true, validation_errors: [] }));
    const created = await client().createFlow({
      name: "demande_de_course",
      categories: ["OTHER"],
      flowJson: form,
      publish: true,
    });
    expect(created).toEqual({ id: "1234567890", validationErrors: [] });
    const req = graph.server.requests.at(-1);
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe(`/v23.0/${WABA}/flows`);
    expect(req?.headers["content-type"]).toBe("application/json");
    const body = req?.json() as Record<string, unknown>;
    expect(body).toEqual({
      name: "demande_de_course",
      categories: ["OTHER"],
      flow_json: JSON.stringify(form),
      publish: true,
    });
  });

  it("updateFlowJson uploads the asset as multipart flow.json and returns Meta's validation errors", async () => {
    graph.server.queue.push(
      json(200, {
        success: true,
        validation_errors: [
          {
            error: "INVALID_PROPERTY",
            error_type: "JSON_SCHEMA_ERROR",
            message: "bad",
            line_start: 46,
            column_start: 17,
          },
        ],
      }),
    );
    const res = await client().updateFlowJson("1234567890", form);
    expect(res).toEqual({
      success: true,
      validationErrors: [
        { error: "INVALID_PROPERTY", errorType: "JSON_SCHEMA_ERROR", message: "bad", lineStart: 46, columnStart: 17 },
      ],
    });
    const req = graph.server.requests.at(-1);
    expect(req?.url).toBe("/v23.0/1234567890/assets");
    expect(req?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const text = req?.body.toString("utf8") ?? "";
    expect(text).toMatch(/name="file"; filename="flow\.json"\r\nContent-Type: application\/json\r\n\r\n/);
    expect(text).toContain(JSON.stringify(form));
    expect(text).toMatch(/name="asset_type"\r\n\r\nFLOW_JSON\r\n/);
    expect(text).toMatch(/name="name"\r\n\r\nflow\.json\r\n/);
  });

  it("publish, deprecate, delete, metadata, get and list", async () => {
    const wa = client();
    graph.server.fallback = json(200, { success: true });
    await expect(wa.publishFlow("42")).resolves.toEqual({ success: true });
    await expect(wa.deprecateFlow("42")).resolves.toEqual({ success: true });
    await expect(wa.deleteFlow("42")).resolves.toEqual({ success: true });
    await expect(
      wa.updateFlowMetadata("42", { name: "course_v2", endpointUri: "https://bot.toktok.cg/flow" }),
    ).resolves.toEqual({
      success: true,
    });
    expect(graph.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /v23.0/42/publish",
      "POST /v23.0/42/deprecate",
      "DELETE /v23.0/42",
      "POST /v23.0/42",
    ]);
    expect(graph.server.requests.at(-1)?.json()).toEqual({
      name: "course_v2",
      endpoint_uri: "https://bot.toktok.cg/flow",
    });
    graph.server.queue.push(
      json(200, {
        id: "42",
        name: "course",
        status: "PUBLISHED",
        categories: ["OTHER"],
        validation_errors: [],
        json_version: "7.1",
        preview: { preview_url: "https://business.facebook.com/wa/manage/flows/42/preview/?token=x" },
      }),
      json(200, {
        data: [{ id: "42", name: "course", status: "DRAFT", categories: ["SIGN_UP"], validation_errors: [] }],
        paging: { cursors: { before: "b", after: "QVFI" }, next: "https://graph.facebook.com/next" },
      }),
    );
    expect(await wa.getFlow("42")).toEqual({
      id: "42",
      name: "course",
      status: "PUBLISHED",
      categories: ["OTHER"],
      validationErrors: [],
      jsonVersion: "7.1",
      previewUrl: "https://business.facebook.com/wa/manage/flows/42/preview/?token=x",
    });
    expect(graph.server.requests.at(-1)?.url).toMatch(/^\/v23\.0\/42\?fields=id%2Cname%2Cstatus/);
    const page = await wa.listFlows({ limit: 10 });
    expect(page).toEqual({
      data: [{ id: "42", name: "course", status: "DRAFT", categories: ["SIGN_UP"], validationErrors: [] }],
      after: "QVFI",
    });
    expect(graph.server.requests.at(-1)?.url).toBe(
      `/v23.0/${WABA}/flows?fields=id%2Cname%2Cstatus%2Ccategories%2Cvalidation_errors&limit=10`,
    );
  });

  it("a call on the business account without businessAccountId fails naming that option, before any request", async () => {
    const wa = graph.client();
    for (const call of [() => wa.createFlow({ name: "x", categories: ["OTHER"] }), () => wa.listFlows()]) {
      const e = (await call().catch((x: unknown) => x)) as WhatsAppValidationError;
      expect(WhatsAppValidationError.isInstance(e)).toBe(true);
      expect(e.field).toBe("businessAccountId");
    }
    const bad = (await client()
      .publishFlow("../1234/messages")
      .catch((x: unknown) => x)) as WhatsAppValidationError;
    expect(bad.field).toBe("flowId");
    const cat = (await client()
      .createFlow({ name: "x", categories: ["NOPE" as never] })
      .catch((x: unknown) => x)) as WhatsAppValidationError;
    expect(cat.field).toBe("flow.categories[0]");
    const notJson = (await client()
      .updateFlowJson("42", 42 as never)
      .catch((x: unknown) => x)) as WhatsAppValidationError;
    expect(notJson.field).toBe("flowJson");
    expect(graph.server.requests).toHaveLength(0);
  });

  it("the client option is validated like the others", () => {
    expect(() => graph.client({ businessAccountId: "waba-1" })).toThrow(/businessAccountId/);
  });
});
