// Loopback port helpers shared by the fault-injection servers (redis-server.ts, redis-cluster.ts).
// Plain JavaScript with types beside it (ports.d.mts) so that every importer can reach it:
// packages type-check without `allowImportingTsExtensions` and import `…/x.js`, while the
// examples run under Node's type stripping and import `…/x.ts` — a `.mjs` file is the one
// name both resolve unchanged.
import { once } from "node:events";
import { connect, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** @returns {Promise<number>} */
export async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

/**
 * @param {number} port
 * @param {number} timeoutMs
 * @param {string} [what]
 * @returns {Promise<void>}
 */
export async function waitForPort(port, timeoutMs, what = "redis-server") {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} on port ${port} did not start in ${timeoutMs} ms`);
    await sleep(20);
  }
}
