import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DashboardHandler } from "./mount.ts";

/** A loopback `node:http` server on port 0 around a dashboard handler, answering 404 to the rest (tests, demo). */
export async function serveOnLoopback(handler: DashboardHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      },
      () => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
