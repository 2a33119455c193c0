import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { newWamid } from "./webhook-signer.ts";

/** One message the bot sent through the stand-in (`POST /{version}/{phoneNumberId}/messages`). */
export interface OutboundMessage {
  /** The `wamid` the stand-in answered with. */
  id: string;
  phoneNumberId: string;
  /** Recipient as the bot wrote it. */
  to: string;
  /** `text`, `interactive`, `location`, `contacts`, `template`, `image`… */
  type: string;
  /** The whole JSON body as received (snake_case, Graph shape). */
  body: Record<string, unknown>;
}

/** A media object uploaded through `POST /{version}/{phoneNumberId}/media`. */
interface StoredMedia {
  bytes: Buffer;
  mimeType: string;
}

/** Options of {@link startGraphStandIn}. */
export interface GraphStandInOptions {
  /** The bearer token every call must carry. */
  accessToken: string;
  /** Only this phone number id is accepted; default: any. */
  phoneNumberId?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

/** A running stand-in for the WhatsApp Cloud API (Graph API) on loopback. */
export interface GraphStandIn {
  /** `http://127.0.0.1:PORT` — give it to the bot as `WHATSAPP_API_BASE_URL`. */
  readonly url: string;
  /** Every message sent so far, in arrival order. */
  readonly messages: readonly OutboundMessage[];
  /** Message ids the bot marked as read. */
  readonly reads: readonly string[];
  /** Calls `listener` for each outbound message; returns the unsubscribe function. */
  onMessage(listener: (message: OutboundMessage) => void): () => void;
  /** Resolves with the first message (already sent or upcoming) matching `predicate`; rejects after `timeoutMs`. */
  waitForMessage(predicate: (m: OutboundMessage) => boolean, timeoutMs?: number): Promise<OutboundMessage>;
  /** Answers the next `count` calls with this Graph error (to exercise retries). */
  failNext(count: number, status: number, code?: number): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
};

const graphError = (res: ServerResponse, status: number, code: number, message: string, type = "OAuthException") =>
  json(res, status, { error: { message, type, code, fbtrace_id: randomBytes(8).toString("base64url") } });

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts a loopback HTTP server that answers like the Graph API for the calls the bot makes:
 * sends and mark-as-read on `/messages`, media upload, lookup, download and delete. Each outbound
 * message is recorded and emitted to listeners, so the simulator can render it and tests can assert on it.
 * @example
 * const graph = await startGraphStandIn({ accessToken: "test-token" });
 * const client = new WhatsAppClient({ accessToken: "test-token", phoneNumberId: "1", baseUrl: graph.url });
 */
export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const messages: OutboundMessage[] = [];
  const reads: string[] = [];
  const media = new Map<string, StoredMedia>();
  const listeners = new Set<(m: OutboundMessage) => void>();
  let failures: { count: number; status: number; code: number } = { count: 0, status: 500, code: 1 };
  let url = "";

  const onMessages = async (req: IncomingMessage, res: ServerResponse, phoneNumberId: string) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
    } catch {
      return graphError(res, 400, 100, "(#100) The request body is not valid JSON", "OAuthException");
    }
    if (body.messaging_product !== "whatsapp") {
      return graphError(res, 400, 100, "(#100) The parameter messaging_product is required.");
    }
    if (body.status === "read") {
      if (typeof body.message_id !== "string") return graphError(res, 400, 100, "(#100) message_id is required.");
      reads.push(body.message_id);
      return json(res, 200, { success: true });
    }
    if (typeof body.to !== "string" || body.to.length === 0) {
      return graphError(res, 400, 100, "(#100) The parameter to is required.");
    }
    const type = typeof body.type === "string" ? body.type : "text";
    if (!(type in body)) return graphError(res, 400, 100, `(#100) The parameter ${type} is required.`);
    const message: OutboundMessage = { id: newWamid(), phoneNumberId, to: body.to, type, body };
    messages.push(message);
    json(res, 200, {
      messaging_product: "whatsapp",
      contacts: [{ input: body.to, wa_id: body.to.replace(/\D/g, "") }],
      messages: [{ id: message.id }],
    });
    for (const listener of listeners) listener(message);
  };

  const onUpload = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    // Parse the multipart body for real: a bad upload must fail here as it would at Meta.
    const form = await new Response(raw, { headers: { "content-type": req.headers["content-type"] ?? "" } })
      .formData()
      .catch(() => undefined);
    const file = form?.get("file");
    if (form?.get("messaging_product") !== "whatsapp" || !(file instanceof Blob)) {
      return graphError(res, 400, 100, "(#100) Param file must be a file with a valid file name");
    }
    const id = String(Date.now()) + String(media.size);
    media.set(id, { bytes: Buffer.from(await file.arrayBuffer()), mimeType: file.type || "application/octet-stream" });
    json(res, 200, { id });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const parts = path.split("/").filter(Boolean);
    if (req.headers.authorization !== `Bearer ${options.accessToken}`) {
      return graphError(res, 401, 190, "Invalid OAuth access token - Cannot parse access token");
    }
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      return graphError(res, failures.status, failures.code, "Injected failure", "OAuthException");
    }
    if (parts[0] === "media-download" && parts[1] && req.method === "GET") {
      const stored = media.get(parts[1]);
      if (!stored) return graphError(res, 404, 100, "Media not found");
      res.writeHead(200, { "content-type": stored.mimeType, "content-length": stored.bytes.length });
      return res.end(stored.bytes);
    }
    const [version, objectId, edge] = parts;
    if (!version || !/^v\d+\.\d+$/.test(version) || !objectId) return graphError(res, 404, 100, "Unknown path");
    if (edge) {
      if (options.phoneNumberId && objectId !== options.phoneNumberId) {
        return graphError(
          res,
          400,
          100,
          `Unsupported post request. Object with ID '${objectId}' does not exist`,
          "GraphMethodException",
        );
      }
      if (edge === "messages" && req.method === "POST") return onMessages(req, res, objectId);
      if (edge === "media" && req.method === "POST") return onUpload(req, res);
      return graphError(res, 404, 100, "Unknown path");
    }
    const stored = media.get(objectId);
    if (!stored)
      return graphError(res, 404, 100, `Object with ID '${objectId}' does not exist`, "GraphMethodException");
    if (req.method === "DELETE") {
      media.delete(objectId);
      return json(res, 200, { success: true });
    }
    json(res, 200, {
      messaging_product: "whatsapp",
      url: `${url}/media-download/${objectId}`,
      mime_type: stored.mimeType,
      sha256: createHash("sha256").update(stored.bytes).digest("hex"),
      file_size: stored.bytes.length,
      id: objectId,
    });
  };

  const onMessage = (listener: (m: OutboundMessage) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) graphError(res, 500, 2, `Stand-in failure: ${String(error)}`, "OAuthException");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;

  return {
    url,
    messages,
    reads,
    onMessage,
    waitForMessage(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no matching outbound message within ${timeoutMs} ms`));
        }, timeoutMs);
        timer.unref();
        const off = onMessage((m) => {
          if (!predicate(m)) return;
          clearTimeout(timer);
          off();
          resolve(m);
        });
      });
    },
    failNext(count, status, code = status === 429 ? 130429 : 131000) {
      failures = { count, status, code };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
