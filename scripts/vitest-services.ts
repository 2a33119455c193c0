// Global setup of the `integration` project: finds out whether Redis and
// PostgreSQL answer on loopback and hands the answer to the tests through
// `inject("services")`. Locally a missing service makes its tests skip with a
// loud banner; under CI=true it fails the run instead.
import type { TestProject } from "vitest/node";
import { databaseUrl, isReachable, redisUrl } from "./services.js";

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

export default async function setup(project: TestProject): Promise<void> {
  const urls = { redisUrl: redisUrl(), databaseUrl: databaseUrl() };
  const status: ServiceStatus = {
    redis: await isReachable(urls.redisUrl, 1000),
    postgres: await isReachable(urls.databaseUrl, 1000),
    ...urls,
  };
  const down = (["redis", "postgres"] as const).filter((s) => !status[s]);
  if (down.length > 0) {
    const message = `integration services not reachable: ${down.join(", ")} (REDIS_URL=${urls.redisUrl}, DATABASE_URL host ${new URL(urls.databaseUrl).host})`;
    if (process.env.CI === "true") throw new Error(`${message} — CI=true, failing instead of skipping`);
    process.stderr.write(
      `\n${"!".repeat(78)}\n!! ${message}\n!! their integration tests are SKIPPED; start the services (see CONTRIBUTING.md)\n${"!".repeat(78)}\n\n`,
    );
  }
  project.provide("services", status);
}
