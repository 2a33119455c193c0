import { describe, expect, it } from "vitest";
import { WebhookError } from "../errors.js";
import { fixture, metaBody } from "../test-support/webhook-fixtures.js";
import { parseWebhookPayload } from "./parse.js";
import type { MessageEvent, StatusEvent, WebhookEvent } from "./types.js";

const one = (name: string): WebhookEvent => {
  const events = parseWebhookPayload(fixture(name));
  expect(events).toHaveLength(1);
  return events[0] as WebhookEvent;
};
const message = (name: string) => one(name) as MessageEvent;
const status = (name: string) => one(name) as StatusEvent;

describe("parseWebhookPayload — messages", () => {
  it("text: id, from, timestamp, phone number id, contact name", () => {
    const e = message("message-text");
    expect(e).toMatchObject({
      kind: "message",
      id: "wamid.TEXT1",
      from: "242061234567",
      phoneNumberId: "106540352242922",
      displayPhoneNumber: "15550783881",
      businessAccountId: "102290129340398",
      contactName: "Awa Mabiala",
      message: { type: "text", text: "Bonjour, je veux une course" },
    });
    expect(e.timestamp).toEqual(new Date(1763726400 * 1000));
  });

  it.each([
    [
      "message-image",
      {
        type: "image",
        mediaId: "1003383421387256",
        mimeType: "image/jpeg",
        caption: "Le colis",
        sha256: "Y2FmZWJhYmU=",
      },
    ],
    ["message-video", { type: "video", mediaId: "1003383421387257", mimeType: "video/mp4", caption: "Trajet" }],
    ["message-audio", { type: "audio", mediaId: "1003383421387258", mimeType: "audio/ogg; codecs=opus", voice: true }],
    [
      "message-document",
      { type: "document", mediaId: "1003383421387259", filename: "facture-novembre.pdf", caption: "Facture" },
    ],
    ["message-sticker", { type: "sticker", mediaId: "1003383421387260", mimeType: "image/webp", animated: false }],
  ])("%s", (name, expected) => {
    expect(message(name).message).toMatchObject(expected);
  });

  it("location", () => {
    expect(message("message-location").message).toEqual({
      type: "location",
      latitude: -4.2634,
      longitude: 15.2429,
      name: "Marché Total",
      address: "Avenue de la Paix, Bacongo, Brazzaville",
      url: "https://maps.example/x",
    });
  });

  it("contacts, camelCased", () => {
    const m = message("message-contacts").message;
    expect(m.type === "contacts" && m.contacts[0]).toEqual({
      name: { formattedName: "Jean Malonga", firstName: "Jean", lastName: "Malonga" },
      phones: [{ phone: "+242 06 765 4321", waId: "242067654321", type: "CELL" }],
      emails: [{ email: "jean@example.cg", type: "WORK" }],
      org: { company: "TokTok", title: "Livreur" },
      addresses: [{ city: "Brazzaville", countryCode: "CG", type: "HOME" }],
      urls: [{ url: "https://toktok.cg", type: "WORK" }],
      birthday: "1990-04-12",
    });
  });

  it("interactive button_reply, list_reply and nfm_reply with context", () => {
    const b = message("message-interactive-button-reply");
    expect(b.message).toEqual({ type: "button_reply", replyId: "confirm_yes", title: "Oui" });
    expect(b.context).toEqual({ from: "15550783881", id: "wamid.ASKED1" });
    expect(message("message-interactive-list-reply").message).toEqual({
      type: "list_reply",
      replyId: "cat_food",
      title: "Restaurants",
      description: "Plats à emporter",
    });
    expect(message("message-interactive-nfm-reply").message).toEqual({
      type: "nfm_reply",
      name: "flow",
      body: "Sent",
      response: { flow_token: "tok-1", address: "Rue Mbaki 12", value: 5000 },
    });
  });

  it("template quick-reply button", () => {
    expect(message("message-template-button").message).toEqual({
      type: "button",
      payload: "feedback:M-1042:good",
      text: "Très bien",
    });
  });

  it("reaction", () => {
    expect(message("message-reaction").message).toEqual({ type: "reaction", messageId: "wamid.SENT9", emoji: "👍" });
  });

  it("order with numbers given as strings or numbers", () => {
    expect(message("message-order").message).toEqual({
      type: "order",
      catalogId: "1234567890",
      text: "Livrez avant midi",
      items: [
        { productRetailerId: "poulet-braise", quantity: 2, itemPrice: 3500, currency: "XAF" },
        { productRetailerId: "jus-gingembre", quantity: 1, itemPrice: 500, currency: "XAF" },
      ],
    });
  });

  it("system (number change)", () => {
    expect(message("message-system").message).toMatchObject({
      type: "system",
      systemType: "user_changed_number",
      newWaId: "242057654321",
    });
  });

  it("referral from a click-to-WhatsApp ad", () => {
    expect(message("message-referral").referral).toEqual({
      sourceUrl: "https://fb.me/ad",
      sourceId: "120210",
      sourceType: "ad",
      headline: "Livraison à 500 FCFA",
      body: "Commandez sur WhatsApp",
      mediaType: "image",
      imageUrl: "https://scontent.example/i.jpg",
      ctwaClid: "ARAkLkA",
    });
  });

  it("context: forwarded and referred product", () => {
    expect(message("message-context-forwarded").context).toEqual({ forwarded: true, frequentlyForwarded: true });
    expect(message("message-context-product").context?.referredProduct).toEqual({
      catalogId: "1234567890",
      productRetailerId: "poulet-braise",
    });
  });

  it("unsupported keeps its errors and the raw object; each error is also an error event tied to the message", () => {
    const [event, error] = parseWebhookPayload(fixture("message-unsupported"));
    expect(error).toMatchObject({ kind: "error", messageId: "wamid.UNS1", error: { code: 131051 } });
    const m = (event as MessageEvent).message;
    expect(m).toMatchObject({
      type: "unsupported",
      originalType: "unsupported",
      errors: [{ code: 131051, title: "Message type unknown", details: "Message type is currently not supported." }],
    });
    expect(m.type === "unsupported" && m.raw.id).toBe("wamid.UNS1");
  });
});

describe("parseWebhookPayload — statuses and errors", () => {
  it.each(["sent", "delivered", "read", "played"])("status %s", (s) => {
    const e = status(`status-${s}`);
    expect(e).toMatchObject({
      kind: "status",
      id: "wamid.SENT1",
      recipientId: "242061234567",
      status: s,
      phoneNumberId: "106540352242922",
    });
    expect(e.timestamp).toEqual(new Date(1763726460 * 1000));
  });

  it("conversation and pricing", () => {
    const e = status("status-sent");
    expect(e.conversation).toEqual({
      id: "CONVERSATION_ID",
      originType: "service",
      expiresAt: new Date(1763812800 * 1000),
    });
    expect(e.pricing).toEqual({ billable: true, pricingModel: "PMP", category: "service", type: "regular" });
  });

  it("failed with its errors and callback data", () => {
    const e = status("status-failed");
    expect(e.status).toBe("failed");
    expect(e.errors).toEqual([
      {
        code: 131047,
        title: "Re-engagement message",
        message: "Re-engagement message",
        details:
          "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ]);
    expect(e.bizOpaqueCallbackData).toBe("mission:M-1042");
  });

  it("top-level value.errors become error events", () => {
    expect(one("value-errors")).toEqual({
      kind: "error",
      businessAccountId: "102290129340398",
      phoneNumberId: "106540352242922",
      displayPhoneNumber: "15550783881",
      error: {
        code: 131000,
        title: "Something went wrong",
        message: "Something went wrong",
        details: "Unsupported webhook payload",
      },
    });
  });
});

describe("parseWebhookPayload — whole deliveries", () => {
  it("parses every entry, change, message and status, and other fields in their order, keeping unknown fields", () => {
    const events = parseWebhookPayload(fixture("multi-entry"));
    expect(events.map((e) => [e.kind, "id" in e ? e.id : "", "phoneNumberId" in e ? e.phoneNumberId : ""])).toEqual([
      ["message", "wamid.M1", "106540352242922"],
      ["message", "wamid.M2", "106540352242922"],
      ["status", "wamid.S1", "106540352242922"],
      ["status", "wamid.S2", "106540352242922"],
      ["template_status", "", ""],
      ["message", "wamid.M3", "222333444"],
    ]);
    expect(events.map((e) => (e.kind === "message" ? e.contactName : undefined))).toEqual([
      "Awa",
      "Bob",
      undefined,
      undefined,
      undefined,
      "Chantal",
    ]);
    expect(events[5]?.businessAccountId).toBe("999888777");
  });

  it("accepts the raw body as string or bytes (escaped unicode included)", () => {
    const body = metaBody(fixture("accented-text"));
    expect(body).toContain("\\u00e9");
    const [fromString] = parseWebhookPayload(body) as MessageEvent[];
    const [fromBytes] = parseWebhookPayload(new TextEncoder().encode(body)) as MessageEvent[];
    expect(fromString?.message).toEqual({
      type: "text",
      text: "Départ à Poto-Poto, arrivée à Moungali — réglé: 5 000 FCFA ✅ ça marche",
    });
    expect(fromBytes).toEqual(fromString);
  });

  it("unknown message types become unsupported, never fatal", () => {
    const payload = fixture("message-text");
    const m = (payload.entry as Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>)[0]
      ?.changes[0]?.value.messages[0] as Record<string, unknown>;
    m.type = "hologram";
    m.hologram = { depth: 3 };
    const [e] = parseWebhookPayload(payload) as MessageEvent[];
    expect(e?.message).toMatchObject({ type: "unsupported", originalType: "hologram", errors: [] });
  });

  it.each([
    ["not JSON", "{oops", "(root)"],
    ["an array", [], "(root)"],
    ["a wrong object", { object: "page", entry: [] }, "object"],
    ["no entry", { object: "whatsapp_business_account" }, "entry"],
    ["an entry without id", { entry: [{ changes: [] }] }, "entry[0].id"],
    [
      "a message without from",
      {
        entry: [
          {
            id: "1",
            changes: [
              {
                field: "messages",
                value: {
                  metadata: { phone_number_id: "2" },
                  messages: [{ id: "x", timestamp: "1", type: "text", text: { body: "a" } }],
                },
              },
            ],
          },
        ],
      },
      "entry[0].changes[0].value.messages[0].from",
    ],
    [
      "a text without body",
      {
        entry: [
          {
            id: "1",
            changes: [
              {
                field: "messages",
                value: {
                  metadata: { phone_number_id: "2" },
                  messages: [{ from: "1", id: "x", timestamp: "1", type: "text", text: {} }],
                },
              },
            ],
          },
        ],
      },
      "entry[0].changes[0].value.messages[0].text.body",
    ],
  ])("rejects %s with a typed error and its path", (_, payload, path) => {
    const e = (() => {
      try {
        parseWebhookPayload(payload);
      } catch (x) {
        return x;
      }
    })();
    expect(WebhookError.isInstance(e)).toBe(true);
    expect((e as WebhookError).code).toBe("WHATSAPP_INVALID_PAYLOAD");
    if (path !== "(root)" || typeof payload !== "string") expect((e as WebhookError).path).toBe(path);
  });
});
