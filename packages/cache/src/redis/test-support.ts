// Helpers shared by the integration tests of this folder (not exported by the package).
import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { Redis } from "ioredis";

/** A unique key prefix per test file, so runs never see each other's keys. */
export const uniquePrefix = (file: string): string => `toktok-test:${file}:${randomUUID().slice(0, 8)}`;

/** Opens an ioredis client that gives up fast (tests must not hang on a dead server). */
export function openClient(url: string, extra: Record<string, unknown> = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false, ...extra });
  client.on("error", () => {}); // reconnect noise while a test has cut Redis
  return client;
}

/** Deletes every key under `prefix` (and its hash-tagged forms). */
export async function cleanup(client: Redis, prefix: string): Promise<void> {
  for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== "0");
  }
}

/** A TCP proxy in front of Redis that a test can cut, to simulate Redis going down mid-run. */
export async function startProxy(redisUrl: string): Promise<{ port: number; cut: () => Promise<void> }> {
  const { hostname, port } = new URL(redisUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = tcpConnect({ host: hostname || "127.0.0.1", port: Number(port || 6379) });
    sockets.add(inbound);
    sockets.add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on("error", drop);
    outbound.on("error", drop);
    inbound.on("close", drop);
    outbound.on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
