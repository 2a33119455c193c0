import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** One request a stand-in received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A route handler: answers, or returns `"hang"` to never answer (the client's timeout decides). */
export type Route = (req: RecordedRequest, res: ServerResponse) => Promise<undefined | "hang">;

/** A `node:http` server on 127.0.0.1, port 0, that records requests and can be closed with hung sockets. */
export interface LoopbackServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

/** Starts the server; `route` answers every request. */
export async function startLoopback(route: Route): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void read(req).then(
      async (body) => {
        const recorded: RecordedRequest = {
          method: req.method ?? "GET",
          path: req.url ?? "/",
          headers: req.headers,
          body,
        };
        requests.push(recorded);
        try {
          await route(recorded, res);
        } catch {
          if (!res.headersSent) sendJson(res, 500, { code: "INTERNAL_PROCESSING_ERROR", message: "stand-in failure" });
        }
      },
      () => sendJson(res, 413, { message: "body too large" }),
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Answers `status` with a JSON body (or an empty body when `body` is undefined). */
export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status, { "content-length": "0" }).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

/** The first value of a header. */
export function header(req: RecordedRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a JSON body; `undefined` when it is not JSON. */
export function jsonBody(req: RecordedRequest): unknown {
  try {
    return JSON.parse(req.body) as unknown;
  } catch {
    return undefined;
  }
}
