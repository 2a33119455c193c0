import { afterAll, beforeAll, beforeEach } from "vitest";
import { WhatsAppClient } from "../client/whatsapp-client.js";
import { type GraphServer, sent, startGraphServer } from "./graph-server.js";

type ClientOptions = ConstructorParameters<typeof WhatsAppClient>[0];

/**
 * For one test file: starts a loopback Graph server before its tests, resets what it recorded
 * before each test, and hands out clients bound to it (fast retries) that are closed after the file.
 */
export function useGraphClients(accessToken: string): {
  readonly server: GraphServer;
  client(extra?: Partial<ClientOptions>): WhatsAppClient;
} {
  let started: GraphServer | undefined;
  const clients: WhatsAppClient[] = [];
  const server = (): GraphServer => {
    if (!started) throw new Error("useGraphClients: the server starts in beforeAll");
    return started;
  };
  beforeAll(async () => {
    started = await startGraphServer();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await started?.close();
  });
  beforeEach(() => {
    server().requests.length = 0;
    server().queue.length = 0;
    server().fallback = sent();
  });
  return {
    get server() {
      return server();
    },
    client(extra = {}) {
      const wa = new WhatsAppClient({
        accessToken,
        phoneNumberId: "1234567890",
        baseUrl: server().url,
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 20 },
        ...extra,
      });
      clients.push(wa);
      return wa;
    },
  };
}
