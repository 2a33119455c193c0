import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WhatsAppClient } from "../client/whatsapp-client.js";
import {
  bodyComponent,
  currencyParameter,
  dateTimeParameter,
  headerComponent,
  imageParameter,
  quickReplyButton,
  textParameter,
} from "../templates/parameters.js";
import { type GraphServer, startGraphServer } from "../test-support/graph-server.js";
import { messageExamples, specErrors } from "../test-support/openapi.js";

// Each send is compared with Meta's own request example (placeholders swapped
// for real values) and validated against the fixed-up OpenAPI schema.

const TO = "242061234567";
const LINK = "https://cdn.toktok.cg/media/file";
let server: GraphServer;
let wa: WhatsAppClient;

beforeAll(async () => {
  server = await startGraphServer();
  wa = new WhatsAppClient({ accessToken: "test-token", phoneNumberId: "1234567890", baseUrl: server.url });
});
afterAll(async () => {
  await wa.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** The example with our recipient, https links and the fields every send of ours carries. */
function example(name: string): Record<string, unknown> {
  const raw = messageExamples[name];
  if (!raw) throw new Error(`no example ${name}`);
  const text = JSON.stringify(raw)
    .replaceAll('"{{Recipient-Phone-Number}}"', `"${TO}"`)
    .replace(/"<http\(s\):\/\/[^"]*>"/g, `"${LINK}"`);
  return { recipient_type: "individual", ...JSON.parse(text) };
}

function lastBody(): Record<string, unknown> {
  const req = server.requests.at(-1);
  expect(req?.method).toBe("POST");
  expect(req?.url).toBe("/v23.0/1234567890/messages");
  const body = req?.json() ?? {};
  expect(specErrors("Message", body)).toEqual([]);
  return body;
}

describe("outbound bodies match Meta's examples and schema", () => {
  it("text, with preview URL and as a reply", async () => {
    await expect(wa.sendText(TO, "text-message-content", { previewUrl: false })).resolves.toEqual({
      messageId: "wamid.TEST",
    });
    expect(lastBody()).toEqual(example("Send Text Message"));
    await wa.sendText(TO, "<TEXT_MSG_CONTENT>", { previewUrl: false, replyTo: "<MSGID_OF_PREV_MSG>" });
    expect(lastBody()).toEqual(example("Send Reply to Text Message"));
    await wa.sendText(TO, "Please visit https://youtu.be/hpltvTEiRrY.", { previewUrl: true });
    expect(lastBody()).toEqual({ ...example("Send Text Message with Preview URL"), type: "text" });
  });

  it("image, video, audio, document and sticker by id and by link", async () => {
    await wa.sendImage(TO, { id: "<IMAGE_OBJECT_ID>" });
    expect(lastBody()).toEqual(example("Send Image Message by ID"));
    const video = example("Send Reply to Video Message by URL");
    await wa.sendVideo(
      TO,
      { link: LINK, caption: "<VIDEO_CAPTION_TEXT>" },
      { replyTo: "<MSGID_OF_MSG_YOU_ARE_REPLYING_TO>" },
    );
    expect(lastBody()).toEqual(video);
    await wa.sendAudio(TO, { id: "<AUDIO_OBJECT_ID>" });
    expect(lastBody()).toEqual(example("Send Audio Message by ID"));
    await wa.sendSticker(TO, { link: LINK });
    expect(lastBody()).toEqual(example("Send Sticker Message by URL"));
    const doc = example("Send Document Message by URL");
    await wa.sendDocument(TO, doc.document as { link: string; caption?: string; filename?: string });
    expect(lastBody()).toEqual(doc);
  });

  it("location, contacts and reaction", async () => {
    await wa.sendLocation(TO, {
      latitude: 37.758056,
      longitude: -122.425332,
      name: "META HQ",
      address: "1 Hacker Way, Menlo Park, CA 94025",
    });
    expect(lastBody()).toEqual(example("Send Location Message"));
    await wa.sendReaction(TO, "wamid.HBgLM...", "😀");
    expect(lastBody()).toEqual(example("Send Reply with Reaction Message"));
    await wa.sendContacts(TO, [
      {
        name: { formattedName: "Jean Malonga", firstName: "Jean", lastName: "Malonga" },
        phones: [{ phone: "+242 06 123 4567", type: "HOME", waId: "242061234567" }],
        emails: [{ email: "jean@toktok.cg", type: "WORK" }],
        org: { company: "TokTok", title: "Livreur" },
        addresses: [{ city: "Brazzaville", country: "Congo", countryCode: "CG", type: "WORK" }],
      },
    ]);
    expect(lastBody().contacts).toEqual([
      {
        name: { formatted_name: "Jean Malonga", first_name: "Jean", last_name: "Malonga" },
        phones: [{ phone: "+242 06 123 4567", type: "HOME", wa_id: "242061234567" }],
        emails: [{ email: "jean@toktok.cg", type: "WORK" }],
        org: { company: "TokTok", title: "Livreur" },
        addresses: [{ city: "Brazzaville", country: "Congo", country_code: "CG", type: "WORK" }],
      },
    ]);
  });

  it("reply buttons and list", async () => {
    await wa.sendReplyButtons(TO, {
      body: "<BUTTON_TEXT>",
      buttons: [
        { id: "<UNIQUE_BUTTON_ID_1>", title: "<BUTTON_TITLE_1>" },
        { id: "<UNIQUE_BUTTON_ID_2>", title: "<BUTTON_TITLE_2>" },
      ],
    });
    expect(lastBody()).toEqual(example("Send Reply Button"));
    const list = (example("Send List Message").interactive as { action: { sections: unknown[] } }).action;
    await wa.sendList(TO, {
      body: "<BODY_TEXT>",
      footer: "<FOOTER_TEXT>",
      header: "<HEADER_TEXT>",
      button: "<BUTTON_TEXT>",
      sections: list.sections as never,
    });
    expect(lastBody()).toEqual(example("Send List Message"));
  });

  it("CTA URL and location request (documented types missing from the spec)", async () => {
    await wa.sendCtaUrl(TO, {
      body: "Suivez votre colis",
      displayText: "Suivre",
      url: "https://toktok.cg/t/42",
      header: { image: { link: LINK } },
      footer: "TokTok",
    });
    expect(lastBody().interactive).toEqual({
      type: "cta_url",
      header: { type: "image", image: { link: LINK } },
      body: { text: "Suivez votre colis" },
      footer: { text: "TokTok" },
      action: { name: "cta_url", parameters: { display_text: "Suivre", url: "https://toktok.cg/t/42" } },
    });
    await wa.sendLocationRequest(TO, "Partagez le point de départ");
    expect(lastBody().interactive).toEqual({
      type: "location_request_message",
      body: { text: "Partagez le point de départ" },
      action: { name: "send_location" },
    });
  });

  it("templates with header, body (text, currency, date_time) and button parameters", async () => {
    const ex = example("Send Message Template Interactive") as { template: { language: Record<string, string> } };
    ex.template.language = { policy: "deterministic", code: "fr" };
    await wa.sendTemplate(TO, {
      name: "template-name".replaceAll("-", "_"),
      language: "fr",
      components: [
        headerComponent(imageParameter({ link: LINK })),
        bodyComponent(
          textParameter("text-string"),
          { type: "currency", currency: { amount_1000: 100990, code: "USD", fallback_value: "$100.99" } },
          dateTimeParameter("February 25, 1977"),
        ),
        quickReplyButton(0, "aGlzIHRoaXMgaXMgY29v"),
        quickReplyButton(1, "9rwnB8RbYmPF5t2Mn09x4h"),
      ],
    });
    const body = lastBody() as { template: { components: Array<{ parameters: unknown[] }> } };
    const expected = ex as unknown as {
      template: { name: string; components: Array<{ parameters: Array<Record<string, unknown>> }> };
    };
    expected.template.name = "template_name";
    // Meta's example carries the pre-2023 date_time fields; the Cloud API only reads fallback_value.
    const dt = expected.template.components[1]!.parameters[2] as { date_time: Record<string, unknown> };
    dt.date_time = { fallback_value: "February 25, 1977" };
    (expected.template.components[0]!.parameters[0] as { image: { link: string } }).image.link = LINK;
    expect(body).toEqual(expected);
    expect(currencyParameter(5000)).toEqual({
      type: "currency",
      currency: { fallback_value: "5 000 FCFA", code: "XAF", amount_1000: 5_000_000 },
    });
  });

  it("mark as read with the typing indicator", async () => {
    await expect(
      wa.markAsRead("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=", { typing: true }),
    ).resolves.toEqual({
      success: false,
    });
    const body = server.requests.at(-1)?.json();
    expect(body).toEqual(messageExamples["Send typing indicator and read receipt"]);
    expect(specErrors("MarkMessageRequestPayload", body)).toEqual([]);
  });

  it("sends the token as a bearer header and JSON content type", async () => {
    await wa.sendText("06 123 4567", "Bonjour");
    const req = server.requests.at(-1);
    expect(req?.headers.authorization).toBe("Bearer test-token");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.json().to).toBe(TO);
  });
});
