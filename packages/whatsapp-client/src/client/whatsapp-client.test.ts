import { inspect } from "node:util";
import { Pool } from "undici";
import { describe, expect, it } from "vitest";
import {
  WhatsAppAbortError,
  WhatsAppApiError,
  WhatsAppError,
  WhatsAppNetworkError,
  WhatsAppTimeoutError,
  WhatsAppValidationError,
} from "../errors.js";
import type { Logger } from "../logger.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { graphError, json } from "../test-support/graph-server.js";
import { WhatsAppClient } from "./whatsapp-client.js";

const TOKEN = "EAAG-secret-token-123";
const graph = useGraphClients(TOKEN);
const client = graph.client;

describe("WhatsAppClient errors and retries", () => {
  it("maps a Graph error to WhatsAppApiError with status, code, subcode, trace id and details", async () => {
    graph.server.queue.push(graphError(400, 131047, { error_subcode: 2494010 }));
    const error = await client()
      .sendText("242061234567", "hello")
      .catch((e: unknown) => e);
    expect(WhatsAppApiError.isInstance(error)).toBe(true);
    expect(WhatsAppError.isInstance(error)).toBe(true);
    const e = error as WhatsAppApiError;
    expect(e).toMatchObject({
      status: 400,
      code: 131047,
      subcode: 2494010,
      fbtraceId: "AbCdTrace",
      details: "details of 131047",
      retryable: false,
      requiresTemplate: true,
      attempts: 1,
    });
    expect(graph.server.requests).toHaveLength(1);
  });

  it.each([131026, 131048, 368, 190, 100, 132000])("never retries permanent code %i", async (code) => {
    graph.server.queue.push(graphError(400, code));
    const e = (await client()
      .sendText("242061234567", "hello")
      .catch((x: unknown) => x)) as WhatsAppApiError;
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(false);
    expect(e.requiresTemplate).toBe(false);
    expect(graph.server.requests).toHaveLength(1);
  });

  it.each([130429, 131056, 80007, 4, 2, 131016])("retries throughput code %i then succeeds", async (code) => {
    graph.server.queue.push(graphError(400, code), graphError(400, code));
    await expect(client().sendText("242061234567", "hello")).resolves.toEqual({ messageId: "wamid.TEST" });
    expect(graph.server.requests).toHaveLength(3);
  });

  it("retries 5xx and gives up after maxRetries with the attempt count", async () => {
    graph.server.fallback = json(503, { error: { message: "down", code: 1, type: "x" } });
    const e = (await client()
      .sendText("242061234567", "hello")
      .catch((x: unknown) => x)) as WhatsAppApiError;
    expect(e.status).toBe(503);
    expect(e.attempts).toBe(4);
    expect(graph.server.requests).toHaveLength(4);
  });

  it("honours Retry-After instead of its own (here huge) backoff", async () => {
    graph.server.queue.push(graphError(429, 130429, {}, { "retry-after": "0" }));
    const wa = client({ retry: { maxRetries: 1, baseDelayMs: 600_000, maxDelayMs: 600_000 } });
    await expect(wa.sendText("242061234567", "hello")).resolves.toEqual({ messageId: "wamid.TEST" });
    expect(graph.server.requests).toHaveLength(2);
  });

  it("gives up at once when Retry-After is longer than maxDelayMs, exposing the delay", async () => {
    graph.server.queue.push(graphError(429, 130429, {}, { "retry-after": "120" }));
    const e = (await client()
      .sendText("242061234567", "hello")
      .catch((x: unknown) => x)) as WhatsAppApiError;
    expect(e.retryAfterMs).toBe(120_000);
    expect(e.retryable).toBe(true);
    expect(graph.server.requests).toHaveLength(1);
  });

  it("retries network errors (connection refused) and reports a WhatsAppNetworkError", async () => {
    const wa = client({ baseUrl: "http://127.0.0.1:9", retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const e = await wa.sendText("242061234567", "hello").catch((x: unknown) => x);
    expect(WhatsAppNetworkError.isInstance(e)).toBe(true);
    expect((e as WhatsAppNetworkError).attempts).toBe(3);
  });

  it("times out a slow answer per attempt, and does not resend a message that may have gone out", async () => {
    graph.server.fallback = () => {}; // never answers
    const wa = client({ timeoutMs: 50, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const e = await wa.sendText("242061234567", "hello").catch((x: unknown) => x);
    expect(WhatsAppTimeoutError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ timeoutMs: 50, ambiguous: true, retryable: false, attempts: 1 });
    expect(graph.server.requests).toHaveLength(1);
  });

  it("stops on abort, during a request and during a backoff wait", async () => {
    graph.server.fallback = () => {};
    const controller = new AbortController();
    const pending = client().sendText("242061234567", "hello", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 20);
    const e = await pending.catch((x: unknown) => x);
    expect(WhatsAppAbortError.isInstance(e)).toBe(true);

    graph.server.fallback = graphError(503, 1);
    const c2 = new AbortController();
    const wa = client({ retry: { maxRetries: 5, baseDelayMs: 600_000, maxDelayMs: 600_000 } });
    const waiting = wa.sendText("242061234567", "hello", { signal: c2.signal });
    setTimeout(() => c2.abort(), 50);
    expect(WhatsAppAbortError.isInstance(await waiting.catch((x: unknown) => x))).toBe(true);
    await expect(client().sendText("242061234567", "x", { signal: AbortSignal.abort() })).rejects.toSatisfy(
      WhatsAppAbortError.isInstance,
    );
  });

  it("never puts the access token in an error, its properties or a log line", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m, meta) => lines.push(m + JSON.stringify(meta)),
      info: (m, meta) => lines.push(m + JSON.stringify(meta)),
      warn: (m, meta) => lines.push(m + JSON.stringify(meta)),
      error: (m, meta) => lines.push(m + JSON.stringify(meta)),
    };
    graph.server.fallback = graphError(401, 190);
    graph.server.queue.push(graphError(503, 1));
    const wa = client({ logger });
    const e = await wa.sendText("242061234567", "hello").catch((x: unknown) => x);
    const dump = [
      inspect(e, { depth: 10, showHidden: true }),
      JSON.stringify(e),
      String(e),
      inspect(wa),
      JSON.stringify(wa),
      ...lines,
    ].join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(dump).not.toContain(TOKEN);
    const net = await client({ baseUrl: "http://127.0.0.1:9", retry: { maxRetries: 0 } })
      .sendText("242061234567", "x")
      .catch((x: unknown) => x);
    expect(inspect(net, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    const bad = (() => {
      try {
        new WhatsAppClient({ accessToken: TOKEN, phoneNumberId: "not digits" });
      } catch (x) {
        return x;
      }
    })();
    expect(WhatsAppValidationError.isInstance(bad)).toBe(true);
    expect(inspect(bad, { depth: 10 })).not.toContain(TOKEN);
  });
});

describe("WhatsAppClient limiter", () => {
  it("waits (does not fail) when the limiter says no, per business number and per recipient", async () => {
    const keys: string[] = [];
    let denials = 2;
    const limiter = {
      consume(key: string) {
        keys.push(key);
        if (key.includes(":pair:") && denials > 0) {
          denials--;
          return { allowed: false, retryAfterMs: 5 };
        }
        return Promise.resolve({ allowed: true });
      },
    };
    await expect(client({ limiter }).sendText("06 123 4567", "x")).resolves.toEqual({ messageId: "wamid.TEST" });
    expect(keys).toEqual([
      "whatsapp:business:1234567890",
      "whatsapp:pair:1234567890:242061234567",
      "whatsapp:pair:1234567890:242061234567",
      "whatsapp:pair:1234567890:242061234567",
    ]);
    expect(graph.server.requests).toHaveLength(1);
  });
});

describe("WhatsAppClient callback data", () => {
  it("sends biz_opaque_callback_data, which status webhooks echo back", async () => {
    await client().sendText("242061234567", "x", { bizOpaqueCallbackData: "mission:M-1042", replyTo: "wamid.IN" });
    expect(graph.server.requests[0]?.json()).toMatchObject({
      biz_opaque_callback_data: "mission:M-1042",
      context: { message_id: "wamid.IN" },
    });
    const e = await client()
      .sendText("242061234567", "x", { bizOpaqueCallbackData: "x".repeat(513) })
      .catch((x: unknown) => x);
    expect((e as { field?: string }).field).toBe("bizOpaqueCallbackData");
  });
});

describe("WhatsAppClient dispatcher", () => {
  it("uses a dispatcher you pass and leaves it open on close()", async () => {
    const pool = new Pool(graph.server.url, { connections: 2 });
    const wa = new WhatsAppClient({
      accessToken: TOKEN,
      phoneNumberId: "1234567890",
      baseUrl: graph.server.url,
      dispatcher: pool,
    });
    await wa.sendText("242061234567", "via pool");
    await wa.close();
    expect(pool.closed).toBe(false);
    await wa.sendText("242061234567", "still open");
    expect(graph.server.requests).toHaveLength(2);
    await pool.close();
  });

  it("keeps connections alive between sends", async () => {
    const wa = client();
    graph.server.connections = 0;
    for (let i = 0; i < 20; i++) {
      await wa.sendText("242061234567", `n${i}`);
    }
    expect(graph.server.requests.every((r) => r.headers.connection !== "close")).toBe(true);
    expect(graph.server.connections).toBeLessThanOrEqual(2); // 20 sends, not 20 connections
  });
});
