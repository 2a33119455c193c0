import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request the stand-in received, its multipart body parsed. */
export interface TranscriptionRequest {
  /** The `model` field. */
  model: string;
  /** The `language` field, when sent. */
  language: string | undefined;
  /** The `response_format` field, when sent. */
  responseFormat: string | undefined;
  /** The `file` part's name, type and bytes. */
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  /** The `Authorization` header as received (check it in tests, never log it). */
  authorization: string | undefined;
}

/**
 * How the stand-in answers one request: a transcript (after `delayMs`), an HTTP error in OpenAI's
 * `{ error: { message, type } }` shape, or no answer at all (`hang`, to exercise timeouts).
 */
export type TranscriptionAnswer =
  | { text: string; delayMs?: number }
  | { status: number; message?: string; retryAfterSeconds?: number }
  | { hang: true };

/** Options of {@link startTranscriptionStandIn}. */
export interface TranscriptionStandInOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>` (else 401, as OpenAI answers). */
  apiKey?: string;
  /** Decides each answer from the parsed request. Default: answers `{ text: "" }`. */
  answer?: (request: TranscriptionRequest) => TranscriptionAnswer | Promise<TranscriptionAnswer>;
}

/** A running stand-in of `POST /v1/audio/transcriptions` on loopback. */
export interface TranscriptionStandIn {
  /** `http://127.0.0.1:PORT/v1`: give it as the transcriber's (and the LLM path's) `baseURL`. */
  readonly baseURL: string;
  /** Every well-formed request, in arrival order. */
  readonly requests: readonly TranscriptionRequest[];
  /** Replaces the answering function. */
  answerWith(answer: NonNullable<TranscriptionStandInOptions["answer"]>): void;
  /** Stops the server, dropping hung requests. */
  close(): Promise<void>;
}

// The formats OpenAI's endpoint documents; anything else is refused as it refuses it.
const FORMATS = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "oga", "wav", "webm"];

function fail(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const type = status === 401 ? "invalid_request_error" : status === 429 ? "requests" : "invalid_request_error";
  const text = JSON.stringify({ error: { message, type, param: null, code: null } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses the multipart body with the platform's own parser (undici's `Request.formData()`). */
async function parseForm(req: IncomingMessage, raw: Buffer): Promise<FormData | undefined> {
  try {
    return await new Request("http://stand-in.invalid/", {
      method: "POST",
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
      body: raw,
    }).formData();
  } catch {
    return undefined;
  }
}

/**
 * Starts a loopback server that answers like OpenAI's `POST /v1/audio/transcriptions`: it parses
 * the multipart body for real, refuses what OpenAI refuses (no `model`, no `file`, an unknown file
 * format, a wrong key) with its status codes and error shape, records each request, and answers
 * with whatever `answer` decides — a transcript, slowly, an error, or nothing.
 * @example
 * const whisper = await startTranscriptionStandIn({ answer: () => ({ text: "Je veux envoyer un colis" }) });
 * const transcriber = createTranscriber({ baseURL: whisper.baseURL, apiKey: "test" });
 */
export async function startTranscriptionStandIn(
  options: TranscriptionStandInOptions = {},
): Promise<TranscriptionStandIn> {
  const requests: TranscriptionRequest[] = [];
  let answer = options.answer ?? (() => ({ text: "" }));
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) fail(res, 500, `stand-in failure: ${String(error)}`);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== "POST" || req.url?.split("?")[0] !== "/v1/audio/transcriptions") {
      return fail(res, 404, `Invalid URL (${req.method} ${req.url})`);
    }
    const authorization = req.headers.authorization;
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
      return fail(res, 401, "Incorrect API key provided.");
    }
    const form = await parseForm(req, raw);
    if (!form) return fail(res, 400, "Could not parse multipart form");
    const model = form.get("model");
    const file = form.get("file");
    if (typeof model !== "string" || model === "") return fail(res, 400, "you must provide a model parameter");
    if (!(file instanceof Blob)) return fail(res, 400, "you must provide a file parameter");
    const filename = (file as File).name ?? "";
    const extension = filename.split(".").pop()?.toLowerCase() ?? "";
    if (!FORMATS.includes(extension)) {
      return fail(res, 400, `Invalid file format. Supported formats: ${JSON.stringify(FORMATS)}`);
    }
    const field = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" ? v : undefined;
    };
    const request: TranscriptionRequest = {
      model,
      language: field("language"),
      responseFormat: field("response_format"),
      filename,
      mimeType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
      authorization,
    };
    requests.push(request);
    const decided = await answer(request);
    if ("hang" in decided) return; // never answered; destroyed on close
    if ("status" in decided) {
      const headers: Record<string, string> =
        decided.retryAfterSeconds === undefined ? {} : { "retry-after": String(decided.retryAfterSeconds) };
      return fail(res, decided.status, decided.message ?? `error ${decided.status}`, headers);
    }
    const delayMs = "delayMs" in decided ? decided.delayMs : undefined;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    if (res.destroyed) return;
    const text = JSON.stringify({ text: decided.text });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    answerWith(next) {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
