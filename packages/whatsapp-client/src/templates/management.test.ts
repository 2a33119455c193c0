import { describe, expect, it } from "vitest";
import type { WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { json } from "../test-support/graph-server.js";
import { requestErrors, requestExamples } from "../test-support/openapi.js";
import type { CreateTemplateInput, TemplateDefinitionComponent } from "./management.js";

// Template management on the WhatsApp Business Account, bodies compared with
// the request examples of the v23.0 OpenAPI description and validated by it.

const WABA = "102290129340398";
const graph = useGraphClients("test-token");
const client = () => graph.client({ businessAccountId: WABA });
const CREATE = "/{Version}/{WABA-ID}/message_templates";
const EDIT = "/{Version}/{TEMPLATE_ID}";

describe("template management", () => {
  it("createTemplate: Meta's Flow-template examples, on /{waba}/message_templates", async () => {
    for (const [name, ex] of Object.entries(requestExamples("POST", CREATE)).filter(([n]) =>
      n.startsWith("Create Flow Template"),
    )) {
      graph.server.queue.push(json(200, { id: "594425479261596", status: "PENDING", category: "MARKETING" }));
      const input: CreateTemplateInput = {
        name: "commande_flow",
        language: ex.language as string,
        category: ex.category as "MARKETING",
        components: ex.components as TemplateDefinitionComponent[],
      };
      await expect(client().createTemplate(input), name).resolves.toEqual({
        id: "594425479261596",
        status: "PENDING",
        category: "MARKETING",
      });
      const req = graph.server.requests.at(-1);
      expect(req?.url).toBe(`/v23.0/${WABA}/message_templates`);
      const body = req?.json();
      expect(body, name).toEqual({ ...ex, name: "commande_flow" });
      expect(requestErrors("POST", CREATE, body)).toEqual([]);
    }
  });

  it("createTemplate with a carousel and a limited-time offer, named parameters", async () => {
    graph.server.queue.push(json(200, { id: "1", status: "PENDING", category: "MARKETING" }));
    await client().createTemplate({
      name: "promo_noel",
      language: "fr",
      category: "MARKETING",
      parameterFormat: "named",
      allowCategoryChange: true,
      components: [
        { type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Offre de Noël", has_expiration: true } },
        {
          type: "BODY",
          text: "Bonjour {{prenom}}",
          example: { body_text_named_params: [{ param_name: "prenom", example: "Awa" }] },
        },
        {
          type: "BUTTONS",
          buttons: [
            { type: "COPY_CODE", example: "NOEL25" },
            { type: "URL", text: "Voir", url: "https://toktok.cg/{{1}}", example: ["noel"] },
          ],
        },
      ],
    });
    expect(graph.server.requests.at(-1)?.json()).toMatchObject({
      parameter_format: "named",
      allow_category_change: true,
      category: "MARKETING",
    });
  });

  it("updateTemplate: Meta's 'Edit template' example on /{template-id}", async () => {
    const ex = requestExamples("POST", EDIT)["Edit template"] as {
      components: TemplateDefinitionComponent[];
      category: "MARKETING";
    };
    graph.server.queue.push(json(200, { success: true }));
    await expect(
      client().updateTemplate("594425479261596", { components: ex.components, category: ex.category }),
    ).resolves.toEqual({ success: true });
    const req = graph.server.requests.at(-1);
    expect(req?.url).toBe("/v23.0/594425479261596");
    expect(req?.json()).toEqual({ components: ex.components, category: "MARKETING" });
    expect(requestErrors("POST", EDIT, req?.json())).toEqual([]);
  });

  it("listTemplates reads status, quality and the next cursor; deleteTemplate by name or by name and id", async () => {
    graph.server.queue.push(
      json(200, {
        data: [
          {
            id: "7",
            name: "mission_reminder",
            language: "fr",
            status: "PAUSED",
            category: "UTILITY",
            quality_score: { score: "RED" },
            components: [{ type: "BODY", text: "x" }],
          },
        ],
        paging: { cursors: { after: "MAZDZD" }, next: "https://graph.facebook.com/next" },
      }),
      json(200, { success: true }),
      json(200, { success: true }),
    );
    const page = await client().listTemplates({ status: "PAUSED", limit: 50 });
    expect(page).toEqual({
      data: [
        {
          id: "7",
          name: "mission_reminder",
          language: "fr",
          status: "PAUSED",
          category: "UTILITY",
          qualityScore: "RED",
          rejectedReason: undefined,
          components: [{ type: "BODY", text: "x" }],
        },
      ],
      after: "MAZDZD",
    });
    expect(graph.server.requests.at(-1)?.url).toBe(
      `/v23.0/${WABA}/message_templates?fields=id%2Cname%2Clanguage%2Cstatus%2Ccategory%2Ccomponents%2Cquality_score%2Crejected_reason&status=PAUSED&limit=50`,
    );
    await client().deleteTemplate({ name: "mission_reminder" });
    expect(graph.server.requests.at(-1)).toMatchObject({
      method: "DELETE",
      url: `/v23.0/${WABA}/message_templates?name=mission_reminder`,
    });
    await client().deleteTemplate({ name: "mission_reminder", id: "7" });
    expect(graph.server.requests.at(-1)?.url).toBe(`/v23.0/${WABA}/message_templates?name=mission_reminder&hsm_id=7`);
  });

  it("names the field it refuses, and businessAccountId when the client has none", async () => {
    const field = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as WhatsAppValidationError).field;
    const ok: CreateTemplateInput = {
      name: "a",
      language: "fr",
      category: "UTILITY",
      components: [{ type: "BODY", text: "x" }],
    };
    expect(await field(graph.client().listTemplates())).toBe("businessAccountId");
    expect(await field(graph.client().deleteTemplate({ name: "a" }))).toBe("businessAccountId");
    expect(await field(client().createTemplate({ ...ok, name: "Mission Reminder" }))).toBe("template.name");
    expect(await field(client().createTemplate({ ...ok, category: "PROMO" as never }))).toBe("template.category");
    expect(
      await field(client().createTemplate({ ...ok, components: [{ type: "BODY", text: "x".repeat(1025) }] })),
    ).toBe("template.components[0].text");
    expect(await field(client().updateTemplate("12", {}))).toBe("template");
    expect(await field(client().updateTemplate("x/../1", { category: "UTILITY" }))).toBe("templateId");
    expect(await field(client().listTemplates({ limit: 0 }))).toBe("limit");
    expect(graph.server.requests).toHaveLength(0);
  });
});
