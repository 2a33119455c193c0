import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockUsersEdge } from "./block-users-edge.ts";
import { createManagementState, type ManagementState, managementEdge } from "./management-edges.ts";
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

/**
 * A lasting fault of the stand-in, applied to every authorised call until cleared with `setFault(undefined)`:
 * - `error`: answers this Graph error (`Retry-After: retryAfterSeconds` when given); nothing is recorded.
 * - `hang`: accepts the request and never answers; nothing is recorded (Graph never processed it).
 *   The hung connections are destroyed when the fault is changed or cleared, and on `close()`.
 * - `html`: answers 200 with an HTML page, as a captive portal or a misconfigured proxy does; nothing is recorded.
 * - `slow`: records the message (it is sent), then answers after `ms`: a client that gives up before
 *   that does not know it went out — the ambiguous case, where a resend is a duplicate.
 */
export type GraphFault = (
  | { kind: "error"; status: number; code?: number; retryAfterSeconds?: number }
  | { kind: "hang" }
  | { kind: "html" }
  | { kind: "slow"; ms: number }
) & {
  /**
   * `sends`: only message sends are hit (mark-as-read, media go through); `media`: only media lookups and
   * downloads (a user's photo WhatsApp cannot serve for now). Default: every authorised call.
   */
  only?: "sends" | "media";
};

/** One call to `POST /{version}/{phoneNumberId}/messages`, whatever came of it. */
export interface SendAttempt {
  /** When it arrived (epoch ms). */
  at: number;
  /** `send` for a message, `read` for mark-as-read. */
  kind: "send" | "read";
  /** Recipient of a send. */
  to?: string;
  /**
   * What the stand-in did: answered 200 (a wamid, or `success` for a read), refused an invalid body (400),
   * answered an injected error, hung, answered HTML, or recorded it and answered late (`slow`).
   */
  outcome: "sent" | "invalid" | "error" | "hang" | "html" | "slow";
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
  /** The WhatsApp Business Account whose templates and Flows the stand-in serves. Default `102290129340398`. */
  businessAccountId?: string;
}

/** A running stand-in for the WhatsApp Cloud API (Graph API) on loopback. */
export interface GraphStandIn {
  /** `http://127.0.0.1:PORT` — give it to the bot as `WHATSAPP_API_BASE_URL`. */
  readonly url: string;
  /** Every message sent so far, in arrival order. */
  readonly messages: readonly OutboundMessage[];
  /** Message ids the bot marked as read. */
  readonly reads: readonly string[];
  /** Every call to `/messages` (sends and mark-as-read), failed ones included, in arrival order. */
  readonly attempts: readonly SendAttempt[];
  /** Requests hung by a `hang` fault and not destroyed yet. */
  readonly hanging: number;
  /** The number's blocked users (digits), kept by the `block_users` edge; seed it to test a start. */
  readonly blockedUsers: Set<string>;
  /** Templates, Flows, QR codes, automation and Flows key of the account (management routes); seed `templates` to test a start. */
  readonly management: ManagementState;
  /** Calls `listener` for each outbound message; returns the unsubscribe function. */
  onMessage(listener: (message: OutboundMessage) => void): () => void;
  /** Resolves with the first message (already sent or upcoming) matching `predicate`; rejects after `timeoutMs`. */
  waitForMessage(predicate: (m: OutboundMessage) => boolean, timeoutMs?: number): Promise<OutboundMessage>;
  /**
   * Closes (or, with `false`, reopens) a user's 24-hour window: session messages to `waId` are refused
   * with 131047 as Meta does, approved templates still go through.
   */
  setWindowClosed(waId: string, closed?: boolean): void;
  /** Answers the next `count` calls with this Graph error (to exercise retries). */
  failNext(count: number, status: number, code?: number): void;
  /**
   * Sets a lasting fault (see {@link GraphFault}), or clears it with `undefined`. `failNext` still
   * comes first. Changing or clearing the fault destroys the connections a `hang` left open.
   */
  setFault(fault: GraphFault | undefined): void;
  /** The fault in force. */
  readonly fault: GraphFault | undefined;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
};

const graphError = (
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  type = "OAuthException",
  headers: Record<string, string> = {},
) => {
  const text = JSON.stringify({ error: { message, type, code, fbtrace_id: randomBytes(8).toString("base64url") } });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

const defaultCode = (status: number): number => (status === 429 ? 130429 : 131000);

const CAPTIVE_PORTAL = `<!doctype html>
<html><head><title>Network login</title></head>
<body><h1>Please sign in to continue</h1><form method="post"><input name="user"></form></body></html>
`;

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
  const attempts: SendAttempt[] = [];
  let failures: { count: number; status: number; code: number } = { count: 0, status: 500, code: 1 };
  const closedWindows = new Set<string>();
  const blockedUsers = new Set<string>();
  const management = createManagementState(options.businessAccountId ?? "102290129340398");
  let fault: GraphFault | undefined;
  /** Responses a `hang` fault holds open. */
  const hung = new Set<ServerResponse>();
  /** Answers a `slow` fault will write later. */
  const late = new Set<NodeJS.Timeout>();
  let url = "";

  const releaseHung = () => {
    for (const res of hung) res.destroy();
    hung.clear();
  };

  const emit = (message: OutboundMessage) => {
    messages.push(message);
    for (const listener of listeners) listener(message);
  };

  /** Reads and checks a `/messages` body; answers the Graph error itself and returns undefined when invalid. */
  const readMessagesBody = async (req: IncomingMessage, res: ServerResponse) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
    } catch {
      graphError(res, 400, 100, "(#100) The request body is not valid JSON", "OAuthException");
      return undefined;
    }
    if (typeof body !== "object" || body === null || body.messaging_product !== "whatsapp") {
      graphError(res, 400, 100, "(#100) The parameter messaging_product is required.");
      return undefined;
    }
    return body;
  };

  const onMessages = (
    res: ServerResponse,
    phoneNumberId: string,
    body: Record<string, unknown>,
    attempt: SendAttempt,
    delayMs: number | undefined,
  ) => {
    if (body.status === "read") {
      if (typeof body.message_id !== "string") return graphError(res, 400, 100, "(#100) message_id is required.");
      attempt.outcome = delayMs === undefined ? "sent" : "slow";
      reads.push(body.message_id);
      return answerLater(res, delayMs, () => json(res, 200, { success: true }));
    }
    if (typeof body.to !== "string" || body.to.length === 0) {
      return graphError(res, 400, 100, "(#100) The parameter to is required.");
    }
    const to = body.to;
    const type = typeof body.type === "string" ? body.type : "text";
    if (!(type in body)) return graphError(res, 400, 100, `(#100) The parameter ${type} is required.`);
    const message: OutboundMessage = { id: newWamid(), phoneNumberId, to, type, body };
    attempt.outcome = delayMs === undefined ? "sent" : "slow";
    // Sent from here on, whether or not the answer reaches the client.
    emit(message);
    answerLater(res, delayMs, () =>
      json(res, 200, {
        messaging_product: "whatsapp",
        contacts: [{ input: to, wa_id: to.replace(/\D/g, "") }],
        messages: [{ id: message.id }],
      }),
    );
  };

  /** Answers now, or after `ms` (a `slow` fault); a connection the client gave up on just drops the answer. */
  const answerLater = (res: ServerResponse, ms: number | undefined, answer: () => void) => {
    if (ms === undefined) return answer();
    const timer = setTimeout(() => {
      late.delete(timer);
      // The client may have given up (its timeout): the message went out all the same.
      if (res.socket && !res.socket.destroyed) answer();
    }, ms);
    late.add(timer);
  };

  /** Applies the lasting fault; returns true when it answered (or hung) instead of the normal path. */
  const applyFault = (res: ServerResponse, attempt: SendAttempt | undefined, mediaRead: boolean): boolean => {
    if (!fault || fault.kind === "slow") return false;
    if (fault.only === "sends" && attempt?.kind !== "send") return false;
    if (fault.only === "media" && !mediaRead) return false;
    if (attempt) attempt.outcome = fault.kind;
    if (fault.kind === "error") {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      graphError(
        res,
        fault.status,
        fault.code ?? defaultCode(fault.status),
        "Injected failure",
        "OAuthException",
        headers,
      );
    } else if (fault.kind === "html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(CAPTIVE_PORTAL);
    } else {
      hung.add(res);
      res.once("close", () => hung.delete(res));
    }
    return true;
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
    const [version, objectId, edge] = parts;
    const wrongNumber = edge !== undefined && options.phoneNumberId !== undefined && objectId !== options.phoneNumberId;
    const isMessages = edge === "messages" && req.method === "POST" && !wrongNumber;
    // A `/messages` body is read first, so each attempt is recorded with its recipient, faults included.
    let body: Record<string, unknown> | undefined;
    let attempt: SendAttempt | undefined;
    if (isMessages) {
      body = await readMessagesBody(req, res);
      if (!body) return;
      attempt = {
        at: Date.now(),
        kind: body.status === "read" ? "read" : "send",
        ...(typeof body.to === "string" ? { to: body.to } : {}),
        outcome: "invalid",
      };
      attempts.push(attempt);
    }
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      if (attempt) attempt.outcome = "error";
      return graphError(res, failures.status, failures.code, "Injected failure", "OAuthException");
    }
    // A media lookup (`GET /{version}/{mediaId}`) or the download of its bytes.
    const mediaRead = req.method === "GET" && (version === "media-download" || (objectId !== undefined && !edge));
    if (applyFault(res, attempt, mediaRead)) return;
    if (
      attempt?.kind === "send" &&
      attempt.to &&
      closedWindows.has(attempt.to.replace(/\D/g, "")) &&
      body?.type !== "template"
    ) {
      attempt.outcome = "error";
      return graphError(res, 400, 131047, "Re-engagement message", "OAuthException");
    }
    if (parts[0] === "media-download" && parts[1] && req.method === "GET") {
      const stored = media.get(parts[1]);
      if (!stored) return graphError(res, 404, 100, "Media not found");
      res.writeHead(200, { "content-type": stored.mimeType, "content-length": stored.bytes.length });
      return res.end(stored.bytes);
    }
    if (!version || !/^v\d+\.\d+$/.test(version) || !objectId) return graphError(res, 404, 100, "Unknown path");
    const at = new URL(req.url ?? "/", "http://stand-in");
    const ids = { objectId, edge, rest: parts[3], phoneNumberId: options.phoneNumberId };
    if (await managementEdge(req, at, ids, management, url, (status, answer) => json(res, status, answer))) return;
    if (edge) {
      if (wrongNumber) {
        return graphError(
          res,
          400,
          100,
          `Unsupported post request. Object with ID '${objectId}' does not exist`,
          "GraphMethodException",
        );
      }
      if (isMessages && body && attempt) {
        const lateMs =
          fault?.kind === "slow" && (fault.only !== "sends" || attempt.kind === "send") ? fault.ms : undefined;
        return onMessages(res, objectId, body, attempt, lateMs);
      }
      if (edge === "media" && req.method === "POST") return onUpload(req, res);
      if (edge === "block_users") {
        return blockUsersEdge(req, at, blockedUsers, (status, answer) => json(res, status, answer));
      }
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
    blockedUsers,
    management,
    reads,
    attempts,
    get hanging() {
      return hung.size;
    },
    get fault() {
      return fault;
    },
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
    setWindowClosed(waId, closed = true) {
      if (closed) closedWindows.add(waId.replace(/\D/g, ""));
      else closedWindows.delete(waId.replace(/\D/g, ""));
    },
    failNext(count, status, code = status === 429 ? 130429 : 131000) {
      failures = { count, status, code };
    },
    setFault(next) {
      if (next?.kind === "slow" && !(next.ms >= 0)) throw new RangeError("slow fault: ms must be >= 0");
      fault = next;
      // The requests a hang held never get an answer: their connections drop, as a dead upstream's would.
      if (next?.kind !== "hang") releaseHung();
    },
    close() {
      fault = undefined;
      releaseHung();
      for (const timer of late) clearTimeout(timer);
      late.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
