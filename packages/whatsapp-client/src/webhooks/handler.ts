import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../client/logger.js";
import { WebhookError, WhatsAppValidationError } from "../errors.js";
import { type DedupeStore, MemoryDedupeStore } from "./dedupe-store.js";
import { parseWebhookPayload } from "./parse.js";
import type { WebhookEvent } from "./types.js";
import { verifySignature, verifySubscription } from "./verify.js";

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** The app secret that signs deliveries. Never logged. */
  appSecret: string;
  /** The token you typed in the app dashboard for the subscription check. */
  verifyToken: string;
  /** Runs once per event, in delivery order, after the 200 answer went out. */
  onEvent: (event: WebhookEvent) => void | Promise<void>;
  /** Receives failures of `onEvent` and rejected deliveries. Defaults to `logger.error`. */
  onError?: (error: unknown, event?: WebhookEvent) => void;
  /** Drops redelivered messages and statuses. `false` turns it off. Default: in memory, 24 h. */
  dedupe?: false | { store?: DedupeStore; ttlMs?: number };
  /** Largest body accepted, in bytes. Default 5 MB. */
  maxBodyBytes?: number;
  logger?: Logger;
}

/** A webhook endpoint for any framework. */
export interface WebhookHandler {
  /** Fetch-style handler: Hono, Next.js route handlers, Bun, Deno, `@whatwg-node/server`… */
  fetch(request: Request): Promise<Response>;
  /** Node `http` style handler: `http.createServer(handler.node)`, Express, Fastify's `raw`. */
  node(req: IncomingMessage, res: ServerResponse): void;
  /** Resolves when every event received so far has been handled (for tests and graceful shutdown). */
  drain(): Promise<void>;
}

interface Answer {
  status: number;
  body: string;
}

const DAY = 24 * 60 * 60 * 1000;

function dedupeKey(event: WebhookEvent): string | undefined {
  if (event.kind === "message") return `wa:msg:${event.id}`;
  if (event.kind === "status") return `wa:status:${event.id}:${event.status}`;
  return undefined;
}

/**
 * Creates the webhook endpoint: answers Meta's subscription check, verifies
 * the signature over the raw bytes, parses every event, answers 200 at once,
 * then runs `onEvent` for each event not seen before.
 *
 * @example
 * const handler = createWebhookHandler({
 *   appSecret: process.env.WA_APP_SECRET!,
 *   verifyToken: process.env.WA_VERIFY_TOKEN!,
 *   onEvent: async (event) => { if (event.kind === "message") await bot.handle(event); },
 * });
 * http.createServer(handler.node).listen(3000);
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  if (typeof options.appSecret !== "string" || options.appSecret === "") {
    throw new WhatsAppValidationError([{ field: "appSecret", rule: "must be a non-empty string" }]);
  }
  if (typeof options.onEvent !== "function") {
    throw new WhatsAppValidationError([{ field: "onEvent", rule: "must be a function" }]);
  }
  if (typeof options.verifyToken !== "string" || options.verifyToken === "") {
    throw new WhatsAppValidationError([{ field: "verifyToken", rule: "must be a non-empty string" }]);
  }
  const maxBody = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const store = options.dedupe === false ? undefined : (options.dedupe?.store ?? new MemoryDedupeStore());
  const ttl = (options.dedupe === false ? undefined : options.dedupe?.ttlMs) ?? DAY;
  const report = (error: unknown, event?: WebhookEvent) => {
    try {
      if (options.onError) options.onError(error, event);
      else options.logger?.error("whatsapp webhook event failed", { error: String(error), kind: event?.kind });
    } catch {
      // An error handler that throws must not turn into an unhandled rejection.
    }
  };
  const pending = new Set<Promise<void>>();

  async function run(events: WebhookEvent[]): Promise<void> {
    for (const event of events) {
      try {
        const key = store ? dedupeKey(event) : undefined;
        if (key !== undefined && store && !(await store.claim(key, ttl))) continue;
        await options.onEvent(event);
      } catch (error) {
        report(error, event);
      }
    }
  }

  function schedule(events: WebhookEvent[]): void {
    if (events.length === 0) return;
    const job = new Promise<void>((resolve) => setImmediate(resolve)).then(() => run(events));
    pending.add(job);
    void job.finally(() => pending.delete(job));
  }

  function get(query: URLSearchParams): Answer {
    try {
      return { status: 200, body: verifySubscription(query, options.verifyToken) };
    } catch (error) {
      report(error);
      return { status: 403, body: "Forbidden" };
    }
  }

  function post(body: Uint8Array, signature: string | null | undefined): { answer: Answer; events: WebhookEvent[] } {
    if (!verifySignature(body, signature, options.appSecret)) {
      report(new WebhookError("INVALID_SIGNATURE", "X-Hub-Signature-256 does not match the body"));
      return { answer: { status: 401, body: "Invalid signature" }, events: [] };
    }
    try {
      return { answer: { status: 200, body: "OK" }, events: parseWebhookPayload(body) };
    } catch (error) {
      report(error);
      return { answer: { status: 400, body: "Malformed payload" }, events: [] };
    }
  }

  return {
    async fetch(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (request.method === "GET") {
        const a = get(url.searchParams);
        return new Response(a.body, { status: a.status, headers: { "content-type": "text/plain" } });
      }
      if (request.method !== "POST")
        return new Response("Method Not Allowed", { status: 405, headers: { allow: "GET, POST" } });
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > maxBody) return new Response("Payload Too Large", { status: 413 });
      const body = new Uint8Array(await request.arrayBuffer());
      if (body.byteLength > maxBody) return new Response("Payload Too Large", { status: 413 });
      const { answer, events } = post(body, request.headers.get("x-hub-signature-256"));
      schedule(events);
      return new Response(answer.body, { status: answer.status, headers: { "content-type": "text/plain" } });
    },

    node(req: IncomingMessage, res: ServerResponse): void {
      const send = (a: Answer, headers: Record<string, string> = {}) => {
        res.writeHead(a.status, { "content-type": "text/plain", ...headers });
        res.end(a.body);
      };
      if (req.method === "GET") {
        send(get(new URL(req.url ?? "/", "http://localhost").searchParams));
        return;
      }
      if (req.method !== "POST") {
        send({ status: 405, body: "Method Not Allowed" }, { allow: "GET, POST" });
        return;
      }
      const signature = req.headers["x-hub-signature-256"];
      const finish = (body: Uint8Array) => {
        const { answer, events } = post(body, Array.isArray(signature) ? signature[0] : signature);
        send(answer);
        schedule(events);
      };
      // Express/Fastify users who kept the raw body (verify callback, rawBody plugin, express.raw()) hand it over.
      const framework = req as IncomingMessage & { rawBody?: unknown; body?: unknown };
      const kept = framework.rawBody instanceof Uint8Array ? framework.rawBody : framework.body;
      if (kept instanceof Uint8Array) {
        finish(kept);
        return;
      }
      if (req.readableEnded) {
        // A JSON body parser ran first: the exact bytes Meta signed are gone, so nothing can be verified.
        report(
          new WebhookError("INVALID_SIGNATURE", "raw body unavailable: keep it as req.rawBody or use express.raw()"),
        );
        send({ status: 400, body: "Raw body unavailable" });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      req.on("data", (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > maxBody) {
          done = true;
          send({ status: 413, body: "Payload Too Large" }, { connection: "close" });
          req.resume();
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => {
        if (!done) {
          done = true;
          finish(Buffer.concat(chunks, size));
        }
      });
      req.on("error", (error) => {
        if (!done) {
          done = true;
          report(error);
          if (!res.headersSent) send({ status: 400, body: "Bad Request" });
        }
      });
    },

    async drain(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
