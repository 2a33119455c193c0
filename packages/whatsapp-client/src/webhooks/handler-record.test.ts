import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebhookError } from "../errors.js";
import { fixture, metaBody, sign } from "../test-support/webhook-fixtures.js";
import { MemoryDedupeStore } from "./dedupe-store.js";
import { createWebhookHandler, type WebhookDelivery, type WebhookHandlerOptions } from "./handler.js";
import type { WebhookEvent } from "./types.js";

const SECRET = "app-secret";
const TOKEN = "verify-me";
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

type Log = Array<[string, string, Record<string, unknown> | undefined]>;

function setup(extra: Partial<WebhookHandlerOptions>) {
  const errors: unknown[] = [];
  const logs: Log = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logs.push([level, message, fields]);
  };
  const handler = createWebhookHandler({
    appSecret: SECRET,
    verifyToken: TOKEN,
    onError: (error) => errors.push(error),
    logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
    ...extra,
  });
  return { handler, errors, logs };
}

async function serve(handler: { node: (req: never, res: never) => void }): Promise<string> {
  const server = createServer(handler.node as never);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

const post = (url: string, body: string) =>
  fetch(url, { method: "POST", body, headers: { "x-hub-signature-256": sign(body, SECRET) } });

const ids = (events: WebhookEvent[]) =>
  events.map((e) => ("id" in e ? e.id : e.kind === "error" ? `error:${e.error.code}` : e.kind));

describe("createWebhookHandler — durable mode (record)", () => {
  it("answers 200 only after record resolved, with the events of every valid item", async () => {
    let release: () => void = () => {};
    const recorded: WebhookEvent[][] = [];
    const deliveries: WebhookDelivery[] = [];
    const { handler, logs, errors } = setup({
      record: async (events, delivery) => {
        recorded.push(events);
        deliveries.push(delivery);
        await new Promise<void>((r) => {
          release = r;
        });
      },
    });
    const url = await serve(handler);
    let answered = false;
    const response = post(url, metaBody(fixture("broken-item-mixed"))).then((r) => {
      answered = true;
      return r;
    });
    while (recorded.length === 0) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false);
    release();
    expect((await response).status).toBe(200);

    // The broken location, the status without id and the template change without id are skipped; the rest is recorded.
    expect(ids(recorded[0] ?? [])).toEqual(["wamid.GOOD1", "wamid.GOOD2", "wamid.S-OK", "template_status", "unknown"]);
    expect(deliveries[0]?.receivedAt).toBeInstanceOf(Date);
    expect(deliveries[0]?.signal.aborted).toBe(false);
    const warned = logs.filter(([level]) => level === "warn");
    expect(warned.map(([, message, fields]) => [message, fields?.path])).toEqual([
      ["whatsapp webhook item skipped", "entry[0].changes[0].value.messages[1].location.latitude"],
      ["whatsapp webhook item skipped", "entry[0].changes[0].value.statuses[0].id"],
      ["whatsapp webhook item skipped", "entry[0].changes[1].value.message_template_id"],
    ]);
    expect(warned.every(([, , fields]) => String(fields?.reason).includes("expected"))).toBe(true);
    // No message body in the logs.
    expect(JSON.stringify(logs)).not.toContain("Je confirme");
    expect(errors).toEqual([]);
    expect(handler.stats()).toMatchObject({ deliveriesAccepted: 1, eventsRecorded: 5, malformedItemsSkipped: 3 });
  });

  it("answers 503 when record rejects, claims nothing, and takes the redelivery", async () => {
    let fail = true;
    const recorded: string[][] = [];
    const { handler, errors } = setup({
      record: async (events) => {
        if (fail) throw new Error("redis down");
        recorded.push(ids(events));
      },
    });
    const url = await serve(handler);
    const body = metaBody(fixture("message-text"));
    expect((await post(url, body)).status).toBe(503);
    expect(WebhookError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ code: "WHATSAPP_RECORD_FAILED", retryable: true });
    expect(((errors[0] as Error).cause as Error).message).toBe("redis down");

    fail = false; // Meta redelivers the same body
    expect((await post(url, body)).status).toBe(200);
    expect((await post(url, body)).status).toBe(200); // a duplicate: the recorder is the one that de-duplicates
    expect(recorded).toEqual([["wamid.TEXT1"], ["wamid.TEXT1"]]);
    expect(handler.stats()).toMatchObject({ deliveriesAccepted: 2, deliveriesRejected: 1, eventsRecorded: 2 });
  });

  it("answers 503 when record hangs past recordTimeoutMs, and aborts its signal", async () => {
    let signal: AbortSignal | undefined;
    const { handler, errors } = setup({
      recordTimeoutMs: 50,
      record: (_events, delivery) => {
        signal = delivery.signal;
        return new Promise<void>(() => {});
      },
    });
    const url = await serve(handler);
    const started = Date.now();
    expect((await post(url, metaBody(fixture("message-text")))).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(signal?.aborted).toBe(true);
    expect(errors[0]).toMatchObject({ code: "WHATSAPP_RECORD_TIMEOUT" });
    await handler.drain(); // never waits on the hung recorder
    expect(handler.stats().deliveriesRejected).toBe(1);
  });

  it("treats a record that throws synchronously as a failure (503), through the Fetch handler too", async () => {
    const { handler } = setup({
      record: () => {
        throw new Error("sync");
      },
    });
    const body = metaBody(fixture("message-text"));
    const res = await handler.fetch(
      new Request("https://bot.example/webhook", {
        method: "POST",
        body,
        headers: { "x-hub-signature-256": sign(body, SECRET) },
      }),
    );
    expect(res.status).toBe(503);
  });

  it("runs onEvent after record when both are given, and does not call record for an empty delivery", async () => {
    const order: string[] = [];
    const { handler } = setup({
      record: async (events) => {
        order.push(`record:${ids(events).join(",")}`);
      },
      onEvent: (event) => {
        order.push(`event:${"id" in event ? event.id : ""}`);
      },
    });
    const url = await serve(handler);
    expect((await post(url, metaBody(fixture("message-text")))).status).toBe(200);
    const empty = metaBody({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [] }] });
    expect((await post(url, empty)).status).toBe(200);
    await handler.drain();
    expect(order).toEqual(["record:wamid.TEXT1", "event:wamid.TEXT1"]);
  });
});

describe("createWebhookHandler — phoneNumberIds", () => {
  it("drops events of other numbers before record (account-level events concern them all), logs and counts them", async () => {
    const recorded: string[][] = [];
    const { handler, logs } = setup({
      phoneNumberIds: ["106540352242922"],
      record: async (events) => {
        recorded.push(ids(events));
      },
    });
    const url = await serve(handler);
    expect((await post(url, metaBody(fixture("multi-entry")))).status).toBe(200);
    expect(recorded).toEqual([["wamid.M1", "wamid.M2", "wamid.S1", "wamid.S2", "template_status"]]);
    expect(logs.filter(([level]) => level === "debug")).toEqual([
      ["debug", "whatsapp webhook event for another number ignored", { phoneNumberId: "222333444", kind: "message" }],
    ]);
    expect(handler.stats().otherNumberEventsIgnored).toBe(1);
  });

  it("accepts every number by default, and filters onEvent too", async () => {
    const all: string[] = [];
    const { handler: open } = setup({ onEvent: (e) => void all.push("id" in e ? e.id : "") });
    const url = await serve(open);
    await post(url, metaBody(fixture("multi-entry")));
    await open.drain();
    expect(all).toContain("wamid.M3");

    const mine: string[] = [];
    const { handler: only } = setup({
      phoneNumberIds: ["222333444"],
      onEvent: (e) => void mine.push("id" in e ? e.id : e.kind),
    });
    const url2 = await serve(only);
    await post(url2, metaBody(fixture("multi-entry")));
    await only.drain();
    expect(mine).toEqual(["template_status", "wamid.M3"]);
  });
});

describe("createWebhookHandler — fire-and-forget mode keeps what it can", () => {
  it("releases the dedupe claim of an event whose onEvent failed, so a redelivery is handled", async () => {
    let attempts = 0;
    const store = new MemoryDedupeStore();
    const { handler, errors } = setup({
      dedupe: { store },
      onEvent: () => {
        attempts++;
        if (attempts === 1) throw new Error("db down");
      },
    });
    const url = await serve(handler);
    const body = metaBody(fixture("message-text"));
    expect((await post(url, body)).status).toBe(200);
    await handler.drain();
    expect((await post(url, body)).status).toBe(200);
    await handler.drain();
    expect(attempts).toBe(2);
    expect(errors).toHaveLength(1);
    expect((await post(url, body)).status).toBe(200);
    await handler.drain();
    expect(attempts).toBe(2); // handled once successfully: now a duplicate
    expect(handler.stats().eventHandlerFailures).toBe(1);
  });

  it("still runs onEvent when the dedupe store fails, and reports the store error", async () => {
    const seen: string[] = [];
    const { handler, errors } = setup({
      dedupe: {
        store: {
          claim: async () => {
            throw new Error("ECONNREFUSED 6379");
          },
        },
      },
      onEvent: (e) => void seen.push("id" in e ? e.id : ""),
    });
    const url = await serve(handler);
    expect((await post(url, metaBody(fixture("message-text")))).status).toBe(200);
    await handler.drain();
    expect(seen).toEqual(["wamid.TEXT1"]);
    expect((errors[0] as Error).message).toContain("6379");
  });
});

describe("createWebhookHandler — counters and options", () => {
  it("counts refused deliveries (bad signature, not JSON, too large) and accepts signed JSON that is not a delivery", async () => {
    const { handler } = setup({ onEvent: () => {}, maxBodyBytes: 2000 });
    const url = await serve(handler);
    const body = metaBody(fixture("message-text"));
    await fetch(url, { method: "POST", body, headers: { "x-hub-signature-256": sign(body, "wrong") } });
    await post(url, "{oops");
    await post(url, "x".repeat(3000));
    // Well signed and JSON, but no `entry`: Meta would redeliver it forever on a 4xx, so 200 and one skipped item.
    expect((await post(url, '{"object":"whatsapp_business_account"}')).status).toBe(200);
    expect(handler.stats()).toEqual({
      deliveriesAccepted: 1,
      deliveriesRejected: 0,
      deliveriesRefused: 3,
      eventsRecorded: 0,
      malformedItemsSkipped: 1,
      otherNumberEventsIgnored: 0,
      eventHandlerFailures: 0,
    });
  });

  it("needs onEvent or record, and checks the new options", async () => {
    const base = { appSecret: "s", verifyToken: "t" };
    expect(() => createWebhookHandler(base)).toThrow(/onEvent/);
    expect(() => createWebhookHandler({ ...base, record: async () => {}, recordTimeoutMs: 0 })).toThrow(
      /recordTimeoutMs/,
    );
    expect(() => createWebhookHandler({ ...base, record: async () => {}, phoneNumberIds: [] })).toThrow(
      /phoneNumberIds/,
    );
    expect(() => createWebhookHandler({ ...base, record: async () => {}, phoneNumberIds: ["+242 06"] })).toThrow(
      /phoneNumberIds\[0\]/,
    );
    // `record` alone (no onEvent) is a working handler: a signed delivery is recorded and answered 200.
    const recorded: string[][] = [];
    const recordOnly = createWebhookHandler({
      appSecret: SECRET,
      verifyToken: TOKEN,
      record: async (events) => {
        recorded.push(ids(events));
      },
    });
    const res = await post(await serve(recordOnly), metaBody(fixture("accented-text")));
    expect(res.status).toBe(200);
    expect(recorded).toEqual([["wamid.ACC1"]]);
  });
});
