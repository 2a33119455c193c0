import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { WhatsAppApiError, type WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { json } from "../test-support/graph-server.js";
import { requestErrors, requestExamples, SPEC_PATH } from "../test-support/openapi.js";

// QR codes, conversational automation, blocked users and the business profile
// on /{phone-number-id}/…, bodies compared with the v23.0 OpenAPI examples and
// validated by its request schemas.

const graph = useGraphClients("test-token");
const PHONE = "/{Version}/{Phone-Number-ID}";
const last = () => graph.server.requests.at(-1);
const responses = (parse(readFileSync(SPEC_PATH, "utf8")) as { components: { responses: Record<string, unknown> } })
  .components.responses;
/** The one example body of a named response of the OpenAPI description. */
function responseExample(name: string): unknown {
  const content = (responses[name] as { content: Record<string, { examples: Record<string, { value: unknown }> }> })
    .content["application/json"];
  const [example] = Object.values(content?.examples ?? {});
  return example?.value;
}
const field = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as WhatsAppValidationError).field;

describe("QR codes", () => {
  it("create (with an SVG image), update, list, get and delete", async () => {
    const wa = graph.client();
    const created = {
      code: "ANED2T5QRU7HG1",
      prefilled_message: "COMMANDE boutique-42",
      deep_link_url: "https://wa.me/message/ANED2T5QRU7HG1",
      qr_image_url: "https://scontent.xx.fbcdn.net/qr.svg",
    };
    graph.server.queue.push(json(200, created));
    await expect(wa.createQrCode("COMMANDE boutique-42", { imageFormat: "SVG" })).resolves.toEqual({
      code: "ANED2T5QRU7HG1",
      prefilledMessage: "COMMANDE boutique-42",
      deepLinkUrl: "https://wa.me/message/ANED2T5QRU7HG1",
      qrImageUrl: "https://scontent.xx.fbcdn.net/qr.svg",
    });
    expect(last()).toMatchObject({ method: "POST", url: "/v23.0/1234567890/message_qrdls" });
    expect(last()?.json()).toEqual({ prefilled_message: "COMMANDE boutique-42", generate_qr_image: "SVG" });
    expect(requestErrors("POST", `${PHONE}/message_qrdls`, last()?.json())).toEqual([]);

    graph.server.queue.push(json(200, { ...created, prefilled_message: "COMMANDE boutique-43" }));
    await wa.updateQrCode("ANED2T5QRU7HG1", "COMMANDE boutique-43");
    const update = requestExamples("POST", `${PHONE}/message_qrdls`).update_existing_qr_code;
    expect(last()?.json()).toEqual({ ...update, prefilled_message: "COMMANDE boutique-43" });
    expect(requestErrors("POST", `${PHONE}/message_qrdls`, last()?.json())).toEqual([]);

    graph.server.queue.push(
      json(200, { data: [created] }),
      json(200, { data: [created] }),
      json(200, { success: true }),
    );
    expect((await wa.listQrCodes({ imageFormat: "PNG", limit: 20 })).data.map((q) => q.code)).toEqual([
      "ANED2T5QRU7HG1",
    ]);
    expect(last()?.url).toBe(
      "/v23.0/1234567890/message_qrdls?fields=code%2Cprefilled_message%2Cdeep_link_url%2Cqr_image_url.format%28PNG%29&limit=20",
    );
    expect((await wa.getQrCode("ANED2T5QRU7HG1"))?.prefilledMessage).toBe("COMMANDE boutique-42");
    expect(last()?.url).toMatch(/^\/v23\.0\/1234567890\/message_qrdls\/ANED2T5QRU7HG1\?fields=/);
    await expect(wa.deleteQrCode("ANED2T5QRU7HG1")).resolves.toEqual({ success: true });
    expect(last()).toMatchObject({ method: "DELETE", url: "/v23.0/1234567890/message_qrdls/ANED2T5QRU7HG1" });
  });

  it("refuses a message over 140 characters, a malformed code or format", async () => {
    const wa = graph.client();
    expect(await field(wa.createQrCode("x".repeat(141)))).toBe("prefilledMessage");
    expect(await field(wa.deleteQrCode("../../1234"))).toBe("code");
    expect(await field(wa.createQrCode("hi", { imageFormat: "GIF" as never }))).toBe("imageFormat");
    expect(graph.server.requests).toHaveLength(0);
  });
});

describe("conversational automation", () => {
  it("ice breakers and commands: Meta's full-setup example, then read back", async () => {
    const wa = graph.client();
    const ex = requestExamples("POST", `${PHONE}/conversational_automation`).full_automation_setup as {
      prompts: string[];
      commands: Array<{ command_name: string; command_description: string }>;
    };
    await wa.setConversationalAutomation({
      enableWelcomeMessage: true,
      prompts: ex.prompts,
      commands: ex.commands.map((c) => ({ name: c.command_name, description: c.command_description })),
    });
    expect(last()?.url).toBe("/v23.0/1234567890/conversational_automation");
    expect(last()?.json()).toEqual(ex);
    expect(requestErrors("POST", `${PHONE}/conversational_automation`, last()?.json())).toEqual([]);
    graph.server.queue.push(
      json(200, {
        conversational_automation: {
          enable_welcome_message: true,
          prompts: ["Commander"],
          commands: [{ command_name: "livreur", command_description: "Devenir livreur" }],
        },
        id: "1234567890",
      }),
    );
    await expect(wa.getConversationalAutomation()).resolves.toEqual({
      enableWelcomeMessage: true,
      prompts: ["Commander"],
      commands: [{ name: "livreur", description: "Devenir livreur" }],
    });
    expect(last()?.url).toBe("/v23.0/1234567890?fields=conversational_automation");
  });

  it("names what it refuses", async () => {
    const wa = graph.client();
    expect(await field(wa.setConversationalAutomation({ prompts: ["a", "b", "c", "d"] }))).toBe("settings.prompts");
    expect(await field(wa.setConversationalAutomation({ commands: [{ name: "/commande", description: "x" }] }))).toBe(
      "settings.commands[0].name",
    );
  });
});

describe("blocked users", () => {
  it("block, unblock and list, numbers normalised like every recipient", async () => {
    const wa = graph.client();
    graph.server.queue.push(
      json(200, {
        messaging_product: "whatsapp",
        block_users: {
          added_users: [{ input: "242061234567", wa_id: "242061234567" }],
          failed_users: [{ input: "242069999999", errors: [{ code: 139100, message: "not in the last 24 hours" }] }],
        },
      }),
    );
    await expect(wa.blockUsers(["06 123 4567", "+242 06 999 9999"])).resolves.toEqual({
      added: ["242061234567"],
      failed: [
        {
          input: "242069999999",
          waId: undefined,
          errors: [{ code: 139100, message: "not in the last 24 hours", details: undefined }],
        },
      ],
    });
    expect(last()).toMatchObject({ method: "POST", url: "/v23.0/1234567890/block_users" });
    expect(last()?.json()).toEqual({
      messaging_product: "whatsapp",
      block_users: [{ user: "242061234567" }, { user: "242069999999" }],
    });
    expect(requestErrors("POST", `${PHONE}/block_users`, last()?.json())).toEqual([]);
    graph.server.queue.push(json(200, responseExample("UnblockUsersResponse")));
    // Meta's unblock answer lists `removed_users`, not `added_users`.
    await expect(wa.unblockUsers(["+16505551234"])).resolves.toEqual({ removed: ["16505551234"], failed: [] });
    expect(last()?.method).toBe("DELETE");
    expect(requestErrors("DELETE", `${PHONE}/block_users`, last()?.json())).toEqual([]);
    graph.server.queue.push(
      json(200, {
        data: [{ messaging_product: "whatsapp", wa_id: "16505551234" }],
        paging: { cursors: { after: "eyJv", before: "eyJv" } },
      }),
    );
    // No `next` link: this is the last page, whatever the cursor says.
    await expect(wa.listBlockedUsers({ limit: 100 })).resolves.toEqual({ data: ["16505551234"], after: undefined });
    expect(last()?.url).toBe("/v23.0/1234567890/block_users?limit=100");
    expect(await field(wa.blockUsers([]))).toBe("users");
    expect(await field(wa.blockUsers(["12"]))).toBe("users[0]");
  });
});

describe("block and unblock answers", () => {
  it("block reads Meta's example answer (added_users)", async () => {
    graph.server.queue.push(json(200, responseExample("BlockUsersResponse")));
    await expect(graph.client().blockUsers(["+16505551234"])).resolves.toEqual({ added: ["16505551234"], failed: [] });
  });

  it("a partial success (HTTP 400, code 139100) resolves to both lists, with each refusal's details", async () => {
    // Meta's block-users guide: "MIXED SUCCESS/FAILURE (400)", the lists beside the error.
    const failed = {
      input: "+242069999999",
      wa_id: "242069999999",
      errors: [
        {
          message: "Re-engagement required",
          code: 131047,
          error_data: { details: "User has not messaged in the last 24 hours" },
        },
      ],
    };
    const error = {
      message: "(#139100) Failed to block/unblock users",
      type: "OAuthException",
      code: 139100,
      error_data: { details: "Failed to block some users, see the block_users response list for details" },
      fbtrace_id: "AbC",
    };
    const wa = graph.client();
    graph.server.queue.push(
      json(400, {
        messaging_product: "whatsapp",
        block_users: { added_users: [{ input: "+242061234567", wa_id: "242061234567" }], failed_users: [failed] },
        error,
      }),
    );
    const refusal = {
      input: "+242069999999",
      waId: "242069999999",
      errors: [
        { code: 131047, message: "Re-engagement required", details: "User has not messaged in the last 24 hours" },
      ],
    };
    await expect(wa.blockUsers(["+242061234567", "+242069999999"])).resolves.toEqual({
      added: ["242061234567"],
      failed: [refusal],
    });
    graph.server.queue.push(
      json(400, {
        messaging_product: "whatsapp",
        block_users: { removed_users: [{ input: "+242061234567", wa_id: "242061234567" }], failed_users: [failed] },
        error,
      }),
    );
    await expect(wa.unblockUsers(["+242061234567", "+242069999999"])).resolves.toEqual({
      removed: ["242061234567"],
      failed: [refusal],
    });
  });

  it("any other error still throws, its body kept on the error", async () => {
    const wa = graph.client();
    const body = { error: { message: "(#139101) Blocklist limit reached", type: "OAuthException", code: 139101 } };
    graph.server.queue.push(json(400, body));
    const error = (await wa.blockUsers(["+242061234567"]).catch((e: unknown) => e)) as WhatsAppApiError;
    expect(WhatsAppApiError.isInstance(error)).toBe(true);
    expect(error.code).toBe(139101);
    expect(error.body).toEqual(body);
  });
});

describe("business profile", () => {
  it("get and update, as in Meta's examples", async () => {
    const wa = graph.client();
    graph.server.queue.push(
      json(200, {
        data: [
          {
            messaging_product: "whatsapp",
            about: "Livraison à Brazzaville",
            address: "Av. de la Paix",
            email: "contact@toktok.cg",
            websites: ["https://toktok.cg"],
            vertical: "RETAIL",
            profile_picture_url: "https://pps.whatsapp.net/p.jpg",
          },
        ],
      }),
    );
    await expect(wa.getBusinessProfile()).resolves.toEqual({
      about: "Livraison à Brazzaville",
      address: "Av. de la Paix",
      email: "contact@toktok.cg",
      websites: ["https://toktok.cg"],
      vertical: "RETAIL",
      profilePictureUrl: "https://pps.whatsapp.net/p.jpg",
    });
    expect(last()?.url).toMatch(/^\/v23\.0\/1234567890\/whatsapp_business_profile\?fields=about%2C/);
    const ex = requestExamples("POST", `${PHONE}/whatsapp_business_profile`).complete_profile_update as Record<
      string,
      never
    >;
    graph.server.queue.push(json(200, { success: true }));
    await wa.updateBusinessProfile({
      about: ex.about,
      address: ex.address,
      description: ex.description,
      email: ex.email,
      profilePictureHandle: ex.profile_picture_handle,
      websites: ex.websites,
      vertical: ex.vertical,
    });
    expect(last()?.json()).toEqual(ex);
    expect(requestErrors("POST", `${PHONE}/whatsapp_business_profile`, last()?.json())).toEqual([]);
    expect(await field(wa.updateBusinessProfile({ websites: ["a", "b", "c"] }))).toBe("profile.websites");
    expect(await field(wa.updateBusinessProfile({ vertical: "BAKERY" as never }))).toBe("profile.vertical");
    expect(await field(wa.updateBusinessProfile({ about: "x".repeat(140) }))).toBe("profile.about");
  });
});
