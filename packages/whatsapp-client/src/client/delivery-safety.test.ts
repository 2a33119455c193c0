// What a send does when no clear answer comes back: which failures are
// retried, which are handed to the caller as ambiguous, and how long it waits.
import { createServer } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { WhatsAppApiError, WhatsAppNetworkError, WhatsAppTimeoutError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { graphError, json, type Reply } from "../test-support/graph-server.js";

const graph = useGraphClients("EAAG-token");
const client = graph.client;
// undici compiles its HTTP parser on the first connection of the process: keep that out of the short time limits below.
beforeAll(() => client().sendText("242061234567", "warm-up"));
const TO = "242061234567";
const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );

const html: Reply = (_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end("<html><body>Connectez-vous au Wi-Fi de l'hôtel</body></html>");
};
const silent: Reply = () => {};

/** A port where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe("ambiguous failures of a send", () => {
  it("does not resend a timed-out message by default: ambiguous, not retryable", async () => {
    graph.server.fallback = silent;
    const e = await fail(client({ timeoutMs: 60 }).sendText(TO, "hello"));
    expect(WhatsAppTimeoutError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ ambiguous: true, retryable: false, attempts: 1, timeoutMs: 60 });
    expect((e as Error).message).toMatch(/may have processed/);
    expect(graph.server.requests).toHaveLength(1);
  });

  it("resends it with retry.retryAmbiguous", async () => {
    graph.server.queue.push(silent);
    const wa = client({ timeoutMs: 60, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2, retryAmbiguous: true } });
    await expect(wa.sendText(TO, "hello")).resolves.toEqual({ messageId: "wamid.TEST" });
    expect(graph.server.requests).toHaveLength(2);
  });

  it("retries idempotent calls (GET media URL, mark as read) after a timeout", async () => {
    graph.server.queue.push(silent, json(200, { url: "https://lookaside.fbsbx.com/x", id: "m1" }));
    await expect(client({ timeoutMs: 60 }).getMediaUrl("m1")).resolves.toMatchObject({ id: "m1" });
    graph.server.queue.push(silent, json(200, { success: true }));
    await expect(client({ timeoutMs: 60 }).markAsRead("wamid.IN")).resolves.toEqual({ success: true });
    expect(graph.server.requests.map((r) => r.method)).toEqual(["GET", "GET", "POST", "POST"]);
  });

  it("treats a connection closed after the request was written as ambiguous", async () => {
    graph.server.fallback = (_req, res) => res.socket?.destroy();
    const e = await fail(client().sendText(TO, "hello"));
    expect(WhatsAppNetworkError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ ambiguous: true, retryable: false, attempts: 1 });
    expect(graph.server.requests).toHaveLength(1);
  });

  it("retries a refused connection (nothing was sent): not ambiguous", async () => {
    const wa = client({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const e = await fail(wa.sendText(TO, "hello"));
    expect(WhatsAppNetworkError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ ambiguous: false, retryable: true, attempts: 4 });
  });
});

describe("time limits", () => {
  it("bounds the whole attempt, not each gap: a body trickling forever still times out", async () => {
    graph.server.fallback = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const tick = setInterval(() => (res.writableEnded ? clearInterval(tick) : res.write(" ")), 20);
      res.on("close", () => clearInterval(tick));
    };
    const started = performance.now();
    const e = await fail(client({ timeoutMs: 150 }).sendText(TO, "hello"));
    const elapsed = performance.now() - started;
    expect(WhatsAppTimeoutError.isInstance(e)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it("stops retrying when retry.maxElapsedMs would be passed", async () => {
    graph.server.fallback = graphError(503, 1);
    // 20 retries of 20–40 ms would take 400–800 ms; the 200 ms budget stops them early.
    const wa = client({ retry: { maxRetries: 20, baseDelayMs: 40, maxDelayMs: 40, maxElapsedMs: 200 } });
    const started = performance.now();
    const e = (await fail(wa.sendText(TO, "hello"))) as WhatsAppApiError | WhatsAppTimeoutError;
    expect(performance.now() - started).toBeLessThan(1000);
    // On a loaded machine the last attempt may be cut by the same budget:
    // then it ends as a timeout (ambiguous), never as a further retry.
    if (WhatsAppApiError.isInstance(e)) {
      expect(e.status).toBe(503);
      expect(e.retryable).toBe(true);
    } else {
      expect(WhatsAppTimeoutError.isInstance(e)).toBe(true);
    }
    expect(e.attempts).toBeLessThan(11);
  });
});

describe("answers that are not Graph's", () => {
  it("an HTML page with status 200 is a retryable WhatsAppApiError, never a message id", async () => {
    graph.server.queue.push(html);
    await expect(client().sendText(TO, "hello")).resolves.toEqual({ messageId: "wamid.TEST" });
    expect(graph.server.requests).toHaveLength(2);

    graph.server.fallback = html;
    const e = await fail(client().sendText(TO, "hello"));
    expect(WhatsAppApiError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ status: 200, code: 0, retryable: true, ambiguous: false, attempts: 4 });
    expect((e as Error).message).toMatch(/not JSON \(content-type: text\/html\).*captive portal/);
  });

  it("a non-JSON 5xx is a retryable WhatsAppApiError with its status", async () => {
    graph.server.fallback = (_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<h1>Bad Gateway</h1>");
    };
    const e = await fail(client().sendText(TO, "hello"));
    expect(e).toMatchObject({ status: 502, code: 0, retryable: true, attempts: 4 });
  });
});

describe("Retry-After longer than maxDelayMs: fail at once, exposing the delay", () => {
  it.each([
    ["429, delta-seconds", 429, () => "30"],
    ["503, delta-seconds", 503, () => "30"],
    ["429, HTTP-date", 429, () => new Date(Date.now() + 30_000).toUTCString()],
    ["503, HTTP-date", 503, () => new Date(Date.now() + 30_000).toUTCString()],
  ])("%s", async (_, status, header) => {
    const reply = status === 429 ? graphError(429, 130429) : json(503, { error: { message: "busy", code: 2 } });
    graph.server.fallback = (req, res) => {
      res.setHeader("retry-after", header());
      reply(req, res);
    };
    const started = performance.now();
    const e = (await fail(client().sendText(TO, "hello"))) as WhatsAppApiError;
    expect(performance.now() - started).toBeLessThan(1000); // no sleep
    expect(WhatsAppApiError.isInstance(e)).toBe(true);
    expect(e.status).toBe(status);
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(28_000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(graph.server.requests).toHaveLength(1);
  });
});
