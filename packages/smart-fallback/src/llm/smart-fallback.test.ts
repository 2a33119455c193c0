import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  LlmRateLimitError,
  LlmResponseError,
  LlmTimeoutError,
  SmartFallback,
  SmartFallbackAbortError,
  SmartFallbackValidationError,
} from "../index.js";
import { recordingLogger } from "../recording-logger.test-helper.js";
import { type FakeOpenAI, startFakeOpenAI } from "./fake-openai-server.test-helper.js";

const KEY = "sk-test-secret-key-123456";

function answer(fields: Partial<Record<string, unknown>>): string {
  return JSON.stringify({
    phone: null,
    amount: null,
    address: null,
    recipientName: null,
    intent: "courier",
    ...fields,
  });
}

// "Mbota" is not in the gazetteer and "150" has no currency: both fields are below 0.7.
const AMBIGUOUS = "Livrer à Mbota, c'est 150";

describe("SmartFallback against an OpenAI-compatible server on loopback", () => {
  let server: FakeOpenAI;
  beforeAll(async () => {
    server = await startFakeOpenAI();
  });
  afterEach(() => {
    server.reset();
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers a clear message without calling the model", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL });
    const r = await sf.extract("Envoyer à Moungali chez Marie, 06 123 4567, 5000 francs");
    expect(r.llm.status).toBe("not-needed");
    expect(r).toMatchObject({ phone: "+242061234567", amount: 5000, address: "Moungali", recipientName: "Marie" });
    expect(server.requests).toHaveLength(0);
    expect(sf.stats().deterministicOnly).toBe(1);
  });

  it("asks the model for low-confidence fields only and keeps verified values", async () => {
    const { logger, lines } = recordingLogger();
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, logger });
    server.enqueue({
      kind: "json",
      content: answer({ address: "Mbota", amount: 150 }),
      usage: { prompt_tokens: 200, completion_tokens: 40 },
    });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("called");
    expect(r.llm.fields.sort()).toEqual(["address", "amount"]);
    expect(r.address).toBe("Mbota");
    expect(r.amount).toBe(150);
    expect(r.sources).toMatchObject({ address: "llm", amount: "llm", phone: "rules" });
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req?.url).toBe("/v1/chat/completions");
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.body.model).toBe("gpt-4o-mini");
    expect(req?.body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "delivery_details", strict: true },
    });
    const stats = sf.stats();
    expect(stats).toMatchObject({ llmCalls: 1, promptTokens: 200, completionTokens: 40, totalTokens: 240 });
    expect(stats.costUsd).toBeCloseTo((200 * 0.15 + 40 * 0.6) / 1_000_000, 12);
    expect(lines.join("\n")).not.toContain(KEY);
  });

  it("drops a hallucinated phone and amount that are not in the message", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL });
    // Ten digits: not a valid Congo number, so the phone field is doubtful and goes to the model.
    const text = "appelez le 06 123 456 78 à Mbota, c'est 150";
    server.enqueue({ kind: "json", content: answer({ phone: "+242 06 999 8877", amount: 9000, address: "Mbota" }) });
    const r = await sf.extract(text);
    expect(r.llm.fields).toContain("phone");
    expect(r.llm.dropped.sort()).toEqual(["amount", "phone"]);
    expect(r.phone).toBeUndefined();
    expect(r.amount).toBe(150);
    expect(r.address).toBe("Mbota");
    expect(sf.stats().droppedFields).toBe(2);
  });

  it("drops an address or a name with words the message does not contain", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL });
    server.enqueue({ kind: "json", content: answer({ address: "Mbota, Brazzaville", amount: 150 }) });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.dropped).toEqual(["address"]);
    expect(r.address).toBe("Mbota");
    expect(r.sources.address).toBe("rules");
  });

  it("keeps a model phone that is in the message digits", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL });
    server.enqueue({ kind: "json", content: answer({ phone: "06 444 55 66", address: "Mbota", amount: 150 }) });
    const r = await sf.extract("mon num 06 444 55 66 ou 05 210 33 44, livrer à Mbota, c'est 150");
    expect(r.llm.fields).toContain("phone");
    expect(r.phone).toBe("+242064445566");
    expect(r.sources.phone).toBe("llm");
  });

  it("returns the deterministic answer when the model sends invalid JSON", async () => {
    const { logger, lines } = recordingLogger();
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, logger });
    server.enqueue({ kind: "json", content: "{ this is not json" });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("failed");
    expect(LlmResponseError.isInstance(r.llm.error)).toBe(true);
    expect(r.address).toBe("Mbota");
    expect(r.sources.address).toBe("rules");
    expect(sf.stats()).toMatchObject({ llmFailures: 1, invalidResponses: 1 });
    expect(lines.some((l) => l.includes("SMART_FALLBACK_LLM_RESPONSE"))).toBe(true);
  });

  it("rejects an answer that does not match the schema", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL });
    server.enqueue({ kind: "json", content: JSON.stringify({ phone: 12, intent: "pizza" }) });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("failed");
    expect(LlmResponseError.isInstance(r.llm.error)).toBe(true);
  });

  it("gives up after timeoutMs and never throws", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, timeoutMs: 150 });
    server.enqueue({ kind: "hang" });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("failed");
    expect(LlmTimeoutError.isInstance(r.llm.error)).toBe(true);
    expect(r.llm.error?.retryable).toBe(true);
    expect(r.address).toBe("Mbota");
    expect(sf.stats().timeouts).toBe(1);
    // Let a request still in flight land now rather than in the next test's records.
    await server.received(1, 1000);
  });

  it("stops when the caller aborts, without throwing", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, timeoutMs: 30_000 });
    server.enqueue({ kind: "hang" });
    const controller = new AbortController();
    const pending = sf.extract(AMBIGUOUS, { signal: controller.signal });
    // Abort only once the request is on the server, so the test checks an in-flight cancel.
    await server.received(1);
    controller.abort();
    const r = await pending;
    expect(r.llm.status).toBe("failed");
    expect(SmartFallbackAbortError.isInstance(r.llm.error)).toBe(true);
    expect(r.llm.error?.message).toContain("aborted by the caller");
    expect(r.llm.error?.retryable).toBe(false);
    expect(r.amount).toBe(150);
  });

  it("handles 429 without retrying and without throwing", async () => {
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL });
    server.enqueue({
      kind: "status",
      status: 429,
      body: { error: { message: "Rate limit reached", type: "requests" } },
    });
    const r = await sf.extract(AMBIGUOUS);
    expect(LlmRateLimitError.isInstance(r.llm.error)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(sf.stats().rateLimited).toBe(1);
  });

  it("never logs the API key, even when the provider echoes it", async () => {
    const { logger, lines } = recordingLogger();
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, logger });
    server.enqueue({ kind: "status", status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("failed");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(KEY);
    expect(String(r.llm.error?.message)).not.toContain(KEY);
  });

  it("caches model answers through a structural cache", async () => {
    const store = new Map<string, unknown>();
    const ttls: Array<number | undefined> = [];
    const cache = {
      get: async (key: string) => store.get(key),
      set: async (key: string, value: unknown, options?: { ttl?: number }) => {
        ttls.push(options?.ttl);
        store.set(key, value);
      },
    };
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, cache, cacheTtlMs: 60_000 });
    server.enqueue({ kind: "json", content: answer({ address: "Mbota", amount: 150 }) });
    const first = await sf.extract(AMBIGUOUS);
    const second = await sf.extract(AMBIGUOUS);
    expect(first.llm.status).toBe("called");
    expect(second.llm.status).toBe("cached");
    expect(second.amount).toBe(150);
    expect(server.requests).toHaveLength(1);
    expect(ttls).toEqual([60_000]);
    expect([...store.keys()][0]).not.toContain("Mbota");
    expect(sf.stats().cacheHits).toBe(1);
  });

  it("keeps working when the cache fails, and ignores a cached value that does not match the schema", async () => {
    const { logger, lines } = recordingLogger();
    const broken = {
      get: () => {
        throw new Error("cache down");
      },
      set: async () => {
        throw new Error("cache down");
      },
    };
    const sf = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, cache: broken, logger });
    server.enqueue({ kind: "json", content: answer({ address: "Mbota", amount: 150 }) });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("called");
    expect(lines.filter((l) => l.includes("cache")).length).toBe(2);

    const poisoned = { get: async () => ({ phone: "+242069998877", intent: "hack" }), set: async () => {} };
    const sf2 = new SmartFallback({ apiKey: KEY, baseURL: server.baseURL, cache: poisoned });
    server.enqueue({ kind: "json", content: answer({ address: "Mbota", amount: 150 }) });
    const r2 = await sf2.extract(AMBIGUOUS);
    expect(r2.llm.status).toBe("called");
    expect(r2.phone).toBeUndefined();
  });

  it("works with a ready OpenAI client instance", async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 0 });
    const sf = new SmartFallback({ openai: client });
    server.enqueue({ kind: "json", content: answer({ address: "Mbota", amount: 150 }) });
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("called");
    expect(r.address).toBe("Mbota");
  });
});

describe("SmartFallback without a model", () => {
  it("returns the deterministic answer when no key is configured", async () => {
    const sf = new SmartFallback();
    const r = await sf.extract(AMBIGUOUS);
    expect(r.llm.status).toBe("disabled");
    expect(r.address).toBe("Mbota");
    expect(sf.stats().skippedNoLlm).toBe(1);
  });

  it("reads a bare answer as the field the bot asked for", async () => {
    const sf = new SmartFallback();
    const r = await sf.extract("75", { expected: "amount" });
    expect(r.amount).toBe(75);
    expect(r.llm.status).toBe("not-needed");
  });

  it("names the offending option", () => {
    expect(() => new SmartFallback({ minConfidence: 2 })).toThrowError(SmartFallbackValidationError);
    try {
      new SmartFallback({ baseURL: "not a url" });
    } catch (e) {
      expect(SmartFallbackValidationError.isInstance(e) && e.field).toBe("baseURL");
    }
  });
});
