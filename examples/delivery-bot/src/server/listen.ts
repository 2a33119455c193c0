import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import type { NodeHandler } from "./dashboard-hook.ts";

/** A listening HTTP server. */
export interface RunningServer {
  /** `http://host:port`, with the real port when 0 was asked. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Options of {@link listen}. */
export interface ListenOptions {
  port: number;
  host: string;
  /** Node handlers tried before the app, in order (the dashboard's, when it comes as one). */
  before?: NodeHandler[];
}

/** Serves a Hono app on node:http; `port: 0` picks a free port. */
export async function listen(app: Hono, options: ListenOptions): Promise<RunningServer> {
  const appListener = getRequestListener(app.fetch);
  const before = options.before ?? [];
  const server = createServer((req, res) => {
    void (async () => {
      for (const handler of before) if (await handler(req, res)) return;
      await appListener(req, res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
