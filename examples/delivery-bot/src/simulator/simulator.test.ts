import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GraphStandIn, startGraphStandIn } from "./graph-stand-in.ts";
import { metaJson } from "./meta-json.ts";
import { createWebhookSigner } from "./webhook-signer.ts";

describe("graph stand-in", () => {
  let graph: GraphStandIn;
  const auth = { authorization: "Bearer tok", "content-type": "application/json" };
  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: "tok", phoneNumberId: "555" });
  });
  afterAll(() => graph.close());

  it("answers a send like the Graph API and emits it to listeners", async () => {
    const seen: string[] = [];
    const off = graph.onMessage((m) => seen.push(m.to));
    const res = await fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        messaging_product: "whatsapp",
        to: "242061234567",
        type: "text",
        text: { body: "Salut" },
      }),
    });
    off();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { id: string }[]; contacts: { wa_id: string }[] };
    expect(body.messages[0]?.id).toMatch(/^wamid\./);
    expect(body.contacts[0]?.wa_id).toBe("242061234567");
    expect(seen).toEqual(["242061234567"]);
    expect(graph.messages.at(-1)?.body).toMatchObject({ text: { body: "Salut" } });
  });

  it("rejects a missing or wrong bearer token with OAuthException 190", async () => {
    const res = await fetch(`${graph.url}/v23.0/555/messages`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(190);
    const wrong = await fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers: { authorization: "Bearer nope" },
      body: "{}",
    });
    expect(wrong.status).toBe(401);
  });

  it("rejects an unknown phone number id and a body without the message object", async () => {
    const other = await fetch(`${graph.url}/v23.0/999/messages`, { method: "POST", headers: auth, body: "{}" });
    expect(other.status).toBe(400);
    const missing = await fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ messaging_product: "whatsapp", to: "1", type: "text" }),
    });
    expect(missing.status).toBe(400);
  });

  it("records mark-as-read without emitting a message", async () => {
    const before = graph.messages.length;
    const res = await fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ messaging_product: "whatsapp", status: "read", message_id: "wamid.X" }),
    });
    expect(await res.json()).toEqual({ success: true });
    expect(graph.reads).toContain("wamid.X");
    expect(graph.messages.length).toBe(before);
  });

  it("round-trips media: upload, lookup, download, delete", async () => {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "a.png");
    const up = await fetch(`${graph.url}/v23.0/555/media`, {
      method: "POST",
      headers: { authorization: "Bearer tok" },
      body: form,
    });
    const { id } = (await up.json()) as { id: string };
    const info = (await (await fetch(`${graph.url}/v23.0/${id}`, { headers: auth })).json()) as {
      url: string;
      mime_type: string;
      file_size: number;
    };
    expect(info).toMatchObject({ mime_type: "image/png", file_size: 3 });
    const bytes = new Uint8Array(await (await fetch(info.url, { headers: auth })).arrayBuffer());
    expect([...bytes]).toEqual([1, 2, 3]);
    expect((await fetch(`${graph.url}/v23.0/${id}`, { method: "DELETE", headers: auth })).status).toBe(200);
    expect((await fetch(`${graph.url}/v23.0/${id}`, { headers: auth })).status).toBe(404);
  });

  it("fails the next calls on demand, then recovers", async () => {
    graph.failNext(1, 503);
    const send = () =>
      fetch(`${graph.url}/v23.0/555/messages`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ messaging_product: "whatsapp", to: "1", type: "text", text: { body: "x" } }),
      });
    expect((await send()).status).toBe(503);
    expect((await send()).status).toBe(200);
  });

  it("waitForMessage finds past and upcoming messages", async () => {
    const upcoming = graph.waitForMessage((m) => m.to === "242069999999", 2000);
    await fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ messaging_product: "whatsapp", to: "242069999999", type: "text", text: { body: "y" } }),
    });
    expect((await upcoming).to).toBe("242069999999");
    await expect(graph.waitForMessage((m) => m.to === "never", 50)).rejects.toThrow(/within 50 ms/);
  });
});

describe("webhook signer", () => {
  const signer = createWebhookSigner({ appSecret: "s3cret", phoneNumberId: "555", now: () => 1_700_000_000_000 });

  it("signs the raw bytes with HMAC-SHA256 of the app secret", () => {
    const d = signer.text({ from: "242061234567", name: "Grâce" }, "Poto-Poto → Bacongo, 5 000 FCFA");
    const expected = createHmac("sha256", "s3cret").update(d.body).digest("hex");
    expect(d.headers["x-hub-signature-256"]).toBe(`sha256=${expected}`);
  });

  it("escapes like Meta, so re-serialised JSON would not match the signature", () => {
    const d = signer.text({ from: "242061234567", name: "Grâce" }, "café https://x/y");
    expect(d.body).toContain("caf\\u00e9");
    expect(d.body).toContain("https:\\/\\/x\\/y");
    expect(d.body).not.toMatch(/[^\x20-\x7e]/);
    expect(JSON.stringify(JSON.parse(d.body))).not.toBe(d.body);
  });

  it("builds Meta's entry/changes/value shape for each kind", () => {
    const text = JSON.parse(signer.text({ from: "242061234567" }, "Bonjour").body);
    const value = text.entry[0].changes[0].value;
    expect(text.object).toBe("whatsapp_business_account");
    expect(text.entry[0].changes[0].field).toBe("messages");
    expect(value.metadata.phone_number_id).toBe("555");
    expect(value.messages[0]).toMatchObject({ from: "242061234567", type: "text", timestamp: "1700000000" });

    const button = JSON.parse(
      signer.buttonReply({ from: "1", replyTo: "wamid.Q" }, { id: "confirm", title: "Confirmer" }).body,
    ).entry[0].changes[0].value.messages[0];
    expect(button).toMatchObject({
      type: "interactive",
      context: { id: "wamid.Q" },
      interactive: { type: "button_reply", button_reply: { id: "confirm", title: "Confirmer" } },
    });

    const list = JSON.parse(signer.listReply({ from: "1" }, { id: "courier", title: "Coursier" }).body).entry[0]
      .changes[0].value.messages[0];
    expect(list.interactive).toEqual({ type: "list_reply", list_reply: { id: "courier", title: "Coursier" } });

    const loc = JSON.parse(signer.location({ from: "1" }, { latitude: -4.2634, longitude: 15.2429 }).body).entry[0]
      .changes[0].value.messages[0];
    expect(loc).toMatchObject({ type: "location", location: { latitude: -4.2634, longitude: 15.2429 } });
  });

  it("metaJson keeps the value intact", () => {
    const value = { a: "é/😀", b: [1, null, true], c: { d: "\u007f" } };
    expect(JSON.parse(metaJson(value))).toEqual(value);
  });
});
