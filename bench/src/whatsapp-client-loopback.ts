// Bench-only helper: one loopback node:http server that answers like the
// Graph API's POST /messages, shared by every contender of a run.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const ANSWER = JSON.stringify({
  messaging_product: "whatsapp",
  contacts: [{ input: "242061234567", wa_id: "242061234567" }],
  messages: [{ id: "wamid.HBgMMjQyMDYxMjM0NTY3FQIAERgSQjQ2RjY0RkVCMjc3OTZGRkMzAA==" }],
});

export interface Loopback {
  url: string;
  close(): Promise<void>;
}

export async function startLoopbackGraph(): Promise<Loopback> {
  const server: Server = createServer((req, res) => {
    // Read the whole body, as the real API does, before answering.
    req.on("data", () => {});
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
