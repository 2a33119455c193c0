import type { KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { nodeSender, readFetchBody } from "../http/answer.js";
import { readNodeBody } from "../http/node-body.js";
import type { Logger } from "../logger.js";
import { loggerSchema, validateOptions } from "../validation.js";
import { verifySignature } from "../webhooks/verify.js";
import {
  type DecryptedFlowRequest,
  decryptFlowRequest,
  encryptFlowResponse,
  type FlowRequest,
  type FlowResponse,
  loadPrivateKey,
} from "./crypto.js";
import { FlowEndpointError, FlowTokenNoLongerValidError } from "./errors.js";

/** Options of {@link createFlowEndpointHandler}. */
export interface FlowEndpointOptions {
  /** The RSA private key whose public key is registered on the business number (PEM or a KeyObject). Never logged. */
  privateKey: string | KeyObject;
  /** Passphrase of an encrypted PEM key. */
  passphrase?: string;
  /** When given, `X-Hub-Signature-256` is checked and a bad one is answered 432. Never logged. */
  appSecret?: string;
  /**
   * Answers one request (`INIT`, `BACK`, `data_exchange`, or an error
   * notification): return the next screen and its data. Throw a
   * {@link FlowTokenNoLongerValidError} for an unknown or spent `flowToken`
   * (answered 427). For an error notification, returning nothing acknowledges it.
   * `ping` never reaches it: the handler answers it.
   */
  onRequest: (request: FlowRequest) => FlowResponse | undefined | Promise<FlowResponse | undefined>;
  /** Largest body accepted, in bytes. Default 1 MB. */
  maxBodyBytes?: number;
  /** Receives refused requests (`warn`) and `onRequest` failures (`error`), never keys or bodies. */
  logger?: Logger;
}

/** A Flows data-exchange endpoint for any framework, shaped like the webhook handler. */
export interface FlowEndpointHandler {
  /** Fetch-style handler (Hono, Next.js route handlers, Bun, Deno…). */
  fetch(request: Request): Promise<Response>;
  /** Node `http` handler: `http.createServer(handler.node)`, Express, Fastify's `raw`. */
  node(req: IncomingMessage, res: ServerResponse): void;
}

interface Answer {
  status: number;
  body: string;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

// The options and their defaults, written once; `resolve` uses the parsed output. The key, the callback and
// the logger are the caller's: checked by shape, handed back as they are (the key's content is checked by
// loadPrivateKey).
const optionsSchema = z.object({
  privateKey: z.custom<string | KeyObject>(
    (v) => typeof v === "string" || (typeof v === "object" && v !== null),
    "an RSA private key in PEM or a KeyObject",
  ),
  passphrase: z.string().optional(),
  appSecret: z.string().min(1, "a non-empty string when given").optional(),
  onRequest: z.custom<FlowEndpointOptions["onRequest"]>((v) => typeof v === "function", "must be a function"),
  maxBodyBytes: z
    .number()
    .positive()
    .default(1024 * 1024),
  logger: loggerSchema.default(silent),
});

function resolve(options: FlowEndpointOptions): { key: KeyObject; maxBody: number; logger: Logger } {
  const o = validateOptions(optionsSchema, options);
  return { key: loadPrivateKey(o.privateKey, o.passphrase), maxBody: o.maxBodyBytes, logger: o.logger };
}

/**
 * Creates the endpoint WhatsApp calls while a Flow is open: checks the
 * signature (when `appSecret` is given), decrypts, answers `ping` itself,
 * hands every other request to `onRequest`, and encrypts its answer. Failures
 * get the statuses Meta documents: 421 when the body does not decrypt (the
 * client re-downloads the public key), 427 for a spent Flow token, 432 for a
 * bad signature; junk gets 400 and a bug in `onRequest` 500, never a crash.
 *
 * @example
 * const endpoint = createFlowEndpointHandler({
 *   privateKey: process.env.FLOW_PRIVATE_KEY!,
 *   appSecret: process.env.WA_APP_SECRET,
 *   onRequest: async (req) => ({ screen: "DESTINATION", data: { pickup: req.data?.pickup } }),
 * });
 * http.createServer(endpoint.node).listen(3001);
 */
export function createFlowEndpointHandler(options: FlowEndpointOptions): FlowEndpointHandler {
  const { key, maxBody, logger } = resolve(options);
  const refuse = (error: FlowEndpointError): Answer => {
    logger.warn("flow endpoint request refused", { code: error.code, status: error.status, reason: error.message });
    return { status: error.status, body: error.code };
  };

  async function answer(raw: Uint8Array, signature: string | null | undefined): Promise<Answer> {
    if (options.appSecret !== undefined && !verifySignature(raw, signature, options.appSecret)) {
      return refuse(
        new FlowEndpointError("WHATSAPP_FLOW_SIGNATURE_INVALID", "X-Hub-Signature-256 does not match the body"),
      );
    }
    let decrypted: DecryptedFlowRequest;
    try {
      decrypted = decryptFlowRequest(JSON.parse(Buffer.from(raw).toString("utf8")), key);
    } catch (error) {
      if (FlowEndpointError.isInstance(error)) return refuse(error);
      return refuse(new FlowEndpointError("WHATSAPP_FLOW_INVALID_REQUEST", "the body is not JSON", { cause: error }));
    }
    const { request, aesKey, iv } = decrypted;
    const sealed = (response: unknown, status = 200): Answer => ({
      status,
      body: encryptFlowResponse(response, aesKey, iv),
    });
    if (request.action === "ping") return sealed({ data: { status: "active" } });
    try {
      const response = await options.onRequest(request);
      if (response === undefined && request.data?.error !== undefined) return sealed({ data: { acknowledged: true } });
      if (typeof response !== "object" || response === null || typeof response.data !== "object") {
        throw new TypeError("onRequest must return { screen?, data }");
      }
      return sealed(response);
    } catch (error) {
      if (FlowTokenNoLongerValidError.isInstance(error)) {
        logger.warn("flow token no longer valid", { action: request.action, screen: request.screen });
        return sealed({ error_msg: error.userMessage }, 427);
      }
      if (FlowEndpointError.isInstance(error)) return refuse(error);
      logger.error("flow endpoint onRequest failed", { action: request.action, screen: request.screen, error });
      return { status: 500, body: "Internal Server Error" };
    }
  }

  const tooLarge: Answer = { status: 413, body: "Payload Too Large" };
  const notAllowed: Answer = { status: 405, body: "Method Not Allowed" };

  return {
    async fetch(request: Request): Promise<Response> {
      const reply = (a: Answer) =>
        new Response(a.body, {
          status: a.status,
          headers: { "content-type": "text/plain", ...(a.status === 405 ? { allow: "POST" } : {}) },
        });
      if (request.method !== "POST") return reply(notAllowed);
      const body = await readFetchBody(request, maxBody);
      if (body === undefined) return reply(tooLarge);
      return reply(await answer(body, request.headers.get("x-hub-signature-256")));
    },

    node(req: IncomingMessage, res: ServerResponse): void {
      const sendPlain = nodeSender(res);
      const send = (a: Answer, headers: Record<string, string> = {}) =>
        sendPlain(a, a.status === 405 ? { allow: "POST", ...headers } : headers);
      if (req.method !== "POST") {
        send(notAllowed);
        return;
      }
      const header = req.headers["x-hub-signature-256"];
      const signature = Array.isArray(header) ? header[0] : header;
      readNodeBody(req, maxBody, (read) => {
        if (read.kind === "too_large") send(tooLarge, { connection: "close" });
        else if (read.kind === "consumed")
          send({ status: 400, body: "Raw body unavailable: keep it as req.rawBody or use express.raw()" });
        else if (read.kind === "error") send({ status: 400, body: "Bad Request" });
        else void answer(read.bytes, signature).then(send, () => send({ status: 500, body: "Internal Server Error" }));
      });
    },
  };
}
