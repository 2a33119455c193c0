// Global setup of the `integration` project: finds out whether Redis and
// PostgreSQL answer on loopback and hands the answer to the tests through
// `inject("services")`. Locally a missing service makes its tests skip with a
// loud banner; under CI=true it fails the run instead.
import { connect } from "node:net";
import type { TestProject } from "vitest/node";

export interface ServiceStatus {
  redis: boolean;
  postgres: boolean;
  redisUrl: string;
  databaseUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    services: ServiceStatus;
  }
}

function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port || fallbackPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const databaseUrl = process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
  const status: ServiceStatus = {
    redis: await reachable(redisUrl, 6379),
    postgres: await reachable(databaseUrl, 5432),
    redisUrl,
    databaseUrl,
  };
  const down = (["redis", "postgres"] as const).filter((s) => !status[s]);
  if (down.length > 0) {
    const message = `integration services not reachable: ${down.join(", ")} (REDIS_URL=${redisUrl}, DATABASE_URL host ${new URL(databaseUrl).host})`;
    if (process.env.CI === "true") throw new Error(`${message} — CI=true, failing instead of skipping`);
    process.stderr.write(
      `\n${"!".repeat(78)}\n!! ${message}\n!! their integration tests are SKIPPED; start the services (see CONTRIBUTING.md)\n${"!".repeat(78)}\n\n`,
    );
  }
  project.provide("services", status);
}
