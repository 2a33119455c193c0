// Where the integration services are and whether they answer: shared by the vitest
// global setup (scripts/vitest-services.ts) and the bench runner (bench/src/run.ts).
import { connect } from "node:net";

/** True when something accepts TCP connections on the URL's host and port within `timeoutMs`. */
export function isReachable(url: string, timeoutMs = 500): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = protocol.startsWith("postgres") ? 5432 : 6379;
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export const redisUrl = (): string => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const databaseUrl = (): string => process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
