import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

/** How the next request is answered. */
export type Reply =
  | { kind: "json"; content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: "status"; status: number; body: unknown }
  | { kind: "hang" };

/** An OpenAI chat-completions server on loopback, port 0, answering from a queue. */
export interface FakeOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  enqueue(reply: Reply): void;
  /** Forgets recorded requests and unused replies, so one test's leftovers never reach the next. */
  reset(): void;
  /** Resolves once `count` requests have been received, or after `maxMs` (default: wait as long as needed). */
  received(count: number, maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

function completion(content: string, usage: { prompt_tokens: number; completion_tokens: number }) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: "gpt-4o-mini",
    choices: [
      { index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    requests.push({
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
    });
    const reply = queue.shift() ?? { kind: "status", status: 500, body: { error: { message: "no reply queued" } } };
    if (reply.kind === "hang") return; // never answers: the client's timeout must fire
    const status = reply.kind === "status" ? reply.status : 200;
    const body =
      reply.kind === "status"
        ? reply.body
        : completion(reply.content, reply.usage ?? { prompt_tokens: 120, completion_tokens: 30 });
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (reply) => queue.push(reply),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    received: async (count, maxMs = Number.POSITIVE_INFINITY) => {
      const deadline = Date.now() + maxMs;
      while (requests.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
