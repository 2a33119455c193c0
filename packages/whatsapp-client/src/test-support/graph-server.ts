// A real node:http server on loopback that records requests and answers
// from a script, used by the tests in place of graph.facebook.com.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json(): Record<string, unknown>;
}

export type Reply = (req: RecordedRequest, res: ServerResponse) => void;

export interface GraphServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; once empty, `fallback` answers. */
  queue: Reply[];
  fallback: Reply;
  /** TCP connections accepted since the last reset (keep-alive check). */
  connections: number;
  close(): Promise<void>;
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

export const sent = (id = "wamid.TEST"): Reply =>
  json(200, { messaging_product: "whatsapp", contacts: [{ input: "x", wa_id: "x" }], messages: [{ id }] });

export const graphError = (status: number, code: number, extra: Record<string, unknown> = {}, headers = {}): Reply =>
  json(
    status,
    {
      error: {
        message: `(#${code}) test error`,
        type: "OAuthException",
        code,
        error_data: { messaging_product: "whatsapp", details: `details of ${code}` },
        fbtrace_id: "AbCdTrace",
        ...extra,
      },
    },
    headers,
  );

export async function startGraphServer(): Promise<GraphServer> {
  const requests: RecordedRequest[] = [];
  const state: GraphServer = {
    url: "",
    requests,
    queue: [],
    fallback: sent(),
    connections: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        json: () => JSON.parse(body.toString("utf8")) as Record<string, unknown>,
      };
      requests.push(recorded);
      (state.queue.shift() ?? state.fallback)(recorded, res);
    });
  });
  server.on("connection", () => {
    state.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
