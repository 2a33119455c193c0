import { describe, expect, it } from "vitest";
import { WhatsAppClient } from "../client/whatsapp-client.js";
import { WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";

const TOKEN = "EAAG-secret-token-123";
const graph = useGraphClients(TOKEN);
const client = graph.client;

describe("WhatsAppClient validation", () => {
  const expectInvalid = async (p: Promise<unknown>, field: string, rule: RegExp) => {
    const e = (await p.catch((x: unknown) => x)) as WhatsAppValidationError;
    expect(WhatsAppValidationError.isInstance(e), String(e)).toBe(true);
    expect(e.field).toBe(field);
    expect(e.rule).toMatch(rule);
    expect(e.message).toContain(field);
  };

  it("rejects bad input before any request, naming the field and the rule", async () => {
    const wa = client();
    await expectInvalid(wa.sendText("242061234567", "x".repeat(4097)), "body", /at most 4096/);
    await expectInvalid(wa.sendText("12", "hi"), "to", /digits/);
    await expectInvalid(wa.sendImage("242061234567", { link: "http://insecure.example/a.jpg" }), "image.link", /https/);
    await expectInvalid(
      wa.sendImage("242061234567", { link: "https://a.b/c.jpg", caption: "c".repeat(1025) }),
      "image.caption",
      /1024/,
    );
    await expectInvalid(wa.sendDocument("242061234567", {} as never), "document", /exactly one of link or id/);
    const buttons = [
      { id: "a", title: "Un" },
      { id: "b", title: "Deux" },
      { id: "c", title: "Trois" },
      { id: "d", title: "Quatre" },
    ];
    await expectInvalid(wa.sendReplyButtons("242061234567", { body: "b", buttons }), "content.buttons", /at most 3/);
    await expectInvalid(
      wa.sendReplyButtons("242061234567", { body: "b", buttons: [] }),
      "content.buttons",
      /at least 1/,
    );
    await expectInvalid(
      wa.sendReplyButtons("242061234567", { body: "b", buttons: [{ id: "a", title: "x".repeat(21) }] }),
      "content.buttons[0].title",
      /at most 20/,
    );
    await expectInvalid(
      wa.sendReplyButtons("242061234567", {
        body: "b",
        buttons: [
          { id: "a", title: "x" },
          { id: "a", title: "y" },
        ],
      }),
      "content.buttons[1].id",
      /unique/,
    );
    await expectInvalid(
      wa.sendReplyButtons("242061234567", { body: "b", buttons: [{ id: "a", title: "x" }], header: "h".repeat(61) }),
      "content.header",
      /at most 60 characters/,
    );
    await expectInvalid(
      wa.sendReplyButtons("242061234567", { body: "b".repeat(1025), buttons: [{ id: "a", title: "x" }] }),
      "content.body",
      /at most 1024/,
    );
    await expectInvalid(
      wa.sendReplyButtons("242061234567", { body: "b", buttons: [{ id: "a", title: "x" }], footer: "f".repeat(61) }),
      "content.footer",
      /at most 60/,
    );
    const rows = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, title: `Row ${i}` }));
    await expectInvalid(
      wa.sendList("242061234567", {
        body: "b",
        button: "Choisir",
        sections: [
          { title: "A", rows: rows(6, "a") },
          { title: "B", rows: rows(5, "b") },
        ],
      }),
      "content.sections",
      /at most 10 rows in all/,
    );
    await expectInvalid(
      wa.sendList("242061234567", { body: "b", button: "x".repeat(21), sections: [{ rows: rows(1, "a") }] }),
      "content.button",
      /at most 20/,
    );
    await expectInvalid(
      wa.sendList("242061234567", {
        body: "b",
        button: "ok",
        sections: [{ rows: [{ id: "i".repeat(201), title: "t" }] }],
      }),
      "content.sections[0].rows[0].id",
      /at most 200/,
    );
    await expectInvalid(
      wa.sendList("242061234567", {
        body: "b",
        button: "ok",
        sections: [{ rows: [{ id: "i", title: "t".repeat(25) }] }],
      }),
      "content.sections[0].rows[0].title",
      /at most 24/,
    );
    await expectInvalid(
      wa.sendList("242061234567", {
        body: "b",
        button: "ok",
        sections: [{ rows: [{ id: "i", title: "t", description: "d".repeat(73) }] }],
      }),
      "content.sections[0].rows[0].description",
      /at most 72/,
    );
    await expectInvalid(
      wa.sendCtaUrl("242061234567", {
        body: "b",
        displayText: "Go",
        url: "https://x.y",
        header: { image: { link: "http://x.y/a.jpg" } },
      }),
      "content.header.image.link",
      /https/,
    );
    await expectInvalid(
      wa.sendCtaUrl("242061234567", { body: "b", displayText: "Go", url: "ftp://x.y" }),
      "content.url",
      /https/,
    );
    await expectInvalid(wa.sendText("242061234567", "hi", { replyTo: "" }), "replyTo", /empty/);
    await expectInvalid(wa.sendReaction("242061234567", "wamid.X", "👍👍"), "emoji", /single emoji/);
    await expectInvalid(
      wa.sendTemplate("242061234567", { name: "Bad Name", language: "fr" }),
      "template.name",
      /lowercase/,
    );
    expect(graph.server.requests).toHaveLength(0);
  });

  it("validates constructor options with the field path", () => {
    expect(() => new WhatsAppClient({ accessToken: "", phoneNumberId: "1" })).toThrow(/options.accessToken/);
    expect(() => new WhatsAppClient({ accessToken: "t", phoneNumberId: "1", apiVersion: "23" })).toThrow(
      /options.apiVersion/,
    );
    expect(() => new WhatsAppClient({ accessToken: "t", phoneNumberId: "1", baseUrl: "ftp://x" })).toThrow(
      /options.baseUrl/,
    );
  });

  it("pins the API version and path prefix from the options", async () => {
    const wa = client({ apiVersion: "v21.0", baseUrl: `${graph.server.url}/graph/` });
    await wa.sendText("06 123 4567", "x");
    expect(graph.server.requests[0]?.url).toBe("/graph/v21.0/1234567890/messages");
    expect(client().apiVersion).toBe("v23.0");
  });
});
