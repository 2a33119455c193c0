import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebhookError } from "../errors.js";
import { fixture, metaBody, sign } from "../test-support/webhook-fixtures.js";
import { MemoryDedupeStore } from "./dedupe-store.js";
import { createWebhookHandler, type WebhookHandlerOptions } from "./handler.js";
import type { WebhookEvent } from "./types.js";

const SECRET = "app-secret";
const TOKEN = "verify-me";
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function setup(extra: Partial<WebhookHandlerOptions> = {}) {
  const events: WebhookEvent[] = [];
  const errors: Array<{ error: unknown; event?: WebhookEvent }> = [];
  const handler = createWebhookHandler({
    appSecret: SECRET,
    verifyToken: TOKEN,
    onEvent: (e) => {
      events.push(e);
    },
    onError: (error, event) => errors.push({ error, event }),
    ...extra,
  });
  return { handler, events, errors };
}

async function serve(node: (req: never, res: never) => void): Promise<string> {
  const server = createServer(node as never);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

const post = (url: string, body: string, signature = sign(body, SECRET)) =>
  fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
  });

describe("createWebhookHandler — Node adapter on a real server", () => {
  it("answers the subscription check", async () => {
    const { handler } = setup();
    const url = await serve(handler.node);
    const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=8675309`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("8675309");
    const ko = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
    expect(ko.status).toBe(403);
  });

  it("verifies, parses every event and runs onEvent in order after answering 200", async () => {
    const { handler, events } = setup();
    const url = await serve(handler.node);
    const res = await post(url, metaBody(fixture("multi-entry")));
    expect(res.status).toBe(200);
    await handler.drain();
    expect(events.map((e) => ("id" in e ? e.id : e.kind))).toEqual([
      "wamid.M1",
      "wamid.M2",
      "wamid.S1",
      "wamid.S2",
      "template_status",
      "wamid.M3",
    ]);
  });

  it("answers 200 before a slow onEvent finishes", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let finished = false;
    const { handler } = setup({
      onEvent: async () => {
        await gate;
        finished = true;
      },
    });
    const url = await serve(handler.node);
    const res = await post(url, metaBody(fixture("message-text")));
    expect(res.status).toBe(200);
    expect(finished).toBe(false);
    release();
    await handler.drain();
    expect(finished).toBe(true);
  });

  it("rejects a bad signature with 401 and reports it, running nothing", async () => {
    const { handler, events, errors } = setup();
    const url = await serve(handler.node);
    const body = metaBody(fixture("message-text"));
    expect((await post(url, body, sign(body, "not-the-secret"))).status).toBe(401);
    expect(
      (await post(url, JSON.stringify(JSON.parse(body)).replace("Bonjour", "Salut"), sign(body, SECRET))).status,
    ).toBe(401);
    await handler.drain();
    expect(events).toEqual([]);
    expect(errors.every((e) => WebhookError.isInstance(e.error) && e.error.code === "WHATSAPP_INVALID_SIGNATURE")).toBe(
      true,
    );
    expect(errors).toHaveLength(2);
  });

  it("verifies accented text exactly as Meta sends it", async () => {
    const { handler, events } = setup();
    const url = await serve(handler.node);
    expect((await post(url, metaBody(fixture("accented-text")))).status).toBe(200);
    await handler.drain();
    expect(events[0]?.kind === "message" && events[0].message).toMatchObject({
      text: expect.stringContaining("Départ"),
    });
  });

  it("answers 400 to a signed body that is not JSON, 200 to signed JSON of any shape", async () => {
    const { handler, errors, events } = setup();
    const url = await serve(handler.node);
    expect((await post(url, '{"object":"whatsapp_business_account",')).status).toBe(400);
    expect(WebhookError.isInstance(errors[0]?.error)).toBe(true);
    for (const body of ['{"object":"whatsapp_business_account"}', "[]", "null", '{"object":"page","entry":[]}']) {
      expect((await post(url, body)).status).toBe(200);
    }
    await handler.drain();
    expect(events).toEqual([]);
  });

  it("de-duplicates redeliveries by message id (and status by id + status)", async () => {
    const { handler, events } = setup();
    const url = await serve(handler.node);
    const body = metaBody(fixture("message-text"));
    await post(url, body);
    await post(url, body);
    await post(url, metaBody(fixture("status-delivered")));
    await post(url, metaBody(fixture("status-delivered")));
    await post(url, metaBody(fixture("status-read")));
    await handler.drain();
    expect(events.map((e) => (e.kind === "status" ? `${e.id}:${e.status}` : "id" in e ? e.id : ""))).toEqual([
      "wamid.TEXT1",
      "wamid.SENT1:delivered",
      "wamid.SENT1:read",
    ]);
  });

  it("reports onEvent failures to onError with the event and goes on", async () => {
    const seen: string[] = [];
    const { handler, errors } = setup({
      onEvent: (e) => {
        if (e.kind === "message" && e.id === "wamid.M2") throw new Error("boom");
        seen.push("id" in e ? e.id : e.kind);
      },
    });
    const url = await serve(handler.node);
    await post(url, metaBody(fixture("multi-entry")));
    await handler.drain();
    expect(seen).toEqual(["wamid.M1", "wamid.S1", "wamid.S2", "template_status", "wamid.M3"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.event?.kind === "message" && errors[0].event.id).toBe("wamid.M2");
  });

  it("uses a pluggable dedupe store, or none", async () => {
    const claimed: Array<[string, number]> = [];
    const { handler } = setup({
      dedupe: {
        ttlMs: 60_000,
        store: {
          claim: async (key, ttl) => {
            claimed.push([key, ttl]);
            return true;
          },
        },
      },
    });
    const url = await serve(handler.node);
    await post(url, metaBody(fixture("message-text")));
    await handler.drain();
    expect(claimed).toEqual([["wa:msg:wamid.TEXT1", 60_000]]);

    const off = setup({ dedupe: false });
    const url2 = await serve(off.handler.node);
    const body = metaBody(fixture("message-text"));
    await post(url2, body);
    await post(url2, body);
    await off.handler.drain();
    expect(off.events).toHaveLength(2);
  });

  it("uses a raw body kept by a framework (Express verify callback)", async () => {
    const { handler, events } = setup();
    const body = metaBody(fixture("accented-text"));
    const url = await serve(((req: { rawBody?: Buffer; on: never }, res: never) => {
      const chunks: Buffer[] = [];
      (req as unknown as NodeJS.ReadableStream).on("data", (c: Buffer) => chunks.push(c));
      (req as unknown as NodeJS.ReadableStream).on("end", () => {
        req.rawBody = Buffer.concat(chunks);
        handler.node(req as never, res);
      });
    }) as never);
    expect((await post(url, body)).status).toBe(200);
    await handler.drain();
    expect(events).toHaveLength(1);
  });

  it("takes express.raw()'s Buffer body, and fails fast (400) when a JSON parser ate the raw bytes", async () => {
    const { handler, events, errors } = setup();
    const body = metaBody(fixture("message-text"));
    const consume = (keep: boolean) =>
      ((req: NodeJS.ReadableStream & { body?: unknown }, res: never) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const raw = Buffer.concat(chunks);
          req.body = keep ? raw : JSON.parse(raw.toString("utf8"));
          handler.node(req as never, res);
        });
      }) as never;
    expect((await post(await serve(consume(true)), body)).status).toBe(200);
    expect((await post(await serve(consume(false)), body)).status).toBe(400);
    await handler.drain();
    expect(events).toHaveLength(1);
    expect(errors.map((e) => (e.error as Error).message)).toEqual([expect.stringMatching(/raw body unavailable/)]);
  });

  it("refuses other methods and bodies over the limit", async () => {
    const { handler } = setup({ maxBodyBytes: 100 });
    const url = await serve(handler.node);
    expect((await fetch(url, { method: "PUT", body: "x" })).status).toBe(405);
    expect((await post(url, metaBody(fixture("message-text")))).status).toBe(413);
  });

  it("validates its options", () => {
    expect(() => createWebhookHandler({ appSecret: "", verifyToken: "t", onEvent: () => {} })).toThrow(/appSecret/);
  });
});

describe("createWebhookHandler — Fetch handler", () => {
  it("handles GET and POST with Request/Response", async () => {
    const { handler, events } = setup();
    const get = await handler.fetch(
      new Request(`https://bot.example/webhook?hub.mode=subscribe&hub.verify_token=${TOKEN}&hub.challenge=abc`),
    );
    expect(await get.text()).toBe("abc");
    const body = metaBody(fixture("message-location"));
    const res = await handler.fetch(
      new Request("https://bot.example/webhook", {
        method: "POST",
        body,
        headers: { "x-hub-signature-256": sign(body, SECRET) },
      }),
    );
    expect(res.status).toBe(200);
    const bad = await handler.fetch(new Request("https://bot.example/webhook", { method: "POST", body }));
    expect(bad.status).toBe(401);
    await handler.drain();
    expect(events).toHaveLength(1);
  });
});

describe("MemoryDedupeStore", () => {
  it("forgets keys after their TTL and keeps at most maxEntries", () => {
    let now = 0;
    const store = new MemoryDedupeStore({ maxEntries: 3, now: () => now });
    expect(store.claim("a", 100)).toBe(true);
    expect(store.claim("a", 100)).toBe(false);
    now = 101;
    expect(store.claim("a", 100)).toBe(true);
    store.claim("b", 1000);
    store.claim("c", 1000);
    store.claim("d", 1000);
    expect(store.size).toBe(3);
    expect(store.claim("a", 100)).toBe(true); // evicted as the oldest
  });
});
