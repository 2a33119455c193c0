import type { IncomingMessage, ServerResponse } from "node:http";
import { WebhookError } from "../errors.js";
import { nodeSender, readFetchBody } from "../http/answer.js";
import { type Answer, createDeliveryProcessor } from "./delivery.js";
import { resolveHandlerOptions, type WebhookHandler, type WebhookHandlerOptions } from "./handler-options.js";

export type {
  RecordWebhookEvents,
  WebhookDelivery,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookHandlerStats,
} from "./handler-options.js";

/**
 * Creates the webhook endpoint: answers Meta's subscription check, verifies
 * the signature over the raw bytes, parses every event (skipping and logging
 * a malformed item, never failing its delivery), keeps the events of
 * `phoneNumberIds`, then either
 * - durable mode (`record`): awaits `record(events)` and answers 200 only once
 *   it resolved, 503 otherwise so Meta redelivers; or
 * - fire-and-forget mode (`onEvent` alone): answers 200 at once, then runs
 *   `onEvent` for each event not seen before (at-most-once after the 200).
 *
 * @example
 * const handler = createWebhookHandler({
 *   appSecret: process.env.WA_APP_SECRET!,
 *   verifyToken: process.env.WA_VERIFY_TOKEN!,
 *   phoneNumberIds: [process.env.WA_PHONE_ID!],
 *   record: (events) => inbox.addAll(events), // idempotent by event id
 * });
 * http.createServer(handler.node).listen(3000);
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const resolved = resolveHandlerOptions(options);
  const maxBody = resolved.maxBodyBytes;
  const core = createDeliveryProcessor(options, resolved);
  const tooLarge: Answer = { status: 413, body: "Payload Too Large" };
  const failed: Answer = { status: 500, body: "Internal Server Error" };
  // post() reports its own failures; this only catches a bug of ours, answered 500 so Meta redelivers.
  const safePost = (body: Uint8Array, signature: string | null | undefined): Promise<Answer> =>
    core.post(body, signature).catch(() => failed);

  return {
    async fetch(request: Request): Promise<Response> {
      const text = (a: Answer, headers: Record<string, string> = {}) =>
        new Response(a.body, { status: a.status, headers: { "content-type": "text/plain", ...headers } });
      if (request.method === "GET") return text(core.get(new URL(request.url).searchParams));
      if (request.method !== "POST") return text({ status: 405, body: "Method Not Allowed" }, { allow: "GET, POST" });
      const body = await readFetchBody(request, maxBody);
      if (body === undefined) return text(core.refuse(tooLarge));
      return text(await safePost(body, request.headers.get("x-hub-signature-256")));
    },

    node(req: IncomingMessage, res: ServerResponse): void {
      const send = nodeSender(res);
      if (req.method === "GET") {
        send(core.get(new URL(req.url ?? "/", "http://localhost").searchParams));
        return;
      }
      if (req.method !== "POST") {
        send({ status: 405, body: "Method Not Allowed" }, { allow: "GET, POST" });
        return;
      }
      const signature = req.headers["x-hub-signature-256"];
      const finish = (body: Uint8Array) => {
        void safePost(body, Array.isArray(signature) ? signature[0] : signature).then((a) => send(a));
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
        const error = new WebhookError(
          "WHATSAPP_INVALID_SIGNATURE",
          "raw body unavailable: keep it as req.rawBody or use express.raw()",
        );
        send(core.refuse({ status: 400, body: "Raw body unavailable" }, error));
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
          send(core.refuse(tooLarge), { connection: "close" });
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
          send(core.refuse({ status: 400, body: "Bad Request" }, error));
        }
      });
    },

    drain: () => core.drain(),
    stats: () => core.stats(),
  };
}
