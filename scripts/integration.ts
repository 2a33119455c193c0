// Helpers for *.int.test.ts: `describeWithRedis` / `describeWithPostgres` run
// the block when the service answered the global setup, and skip it (loudly,
// see vitest-services.ts) otherwise. Under CI=true the setup already failed.
import { describe, inject } from "vitest";

export type { ServiceStatus } from "./vitest-services.js";

export const services = () => inject("services");

export const describeWithRedis: typeof describe = ((name: string, fn: () => void) =>
  describe.skipIf(!inject("services").redis)(name, fn)) as typeof describe;

export const describeWithPostgres: typeof describe = ((name: string, fn: () => void) =>
  describe.skipIf(!inject("services").postgres)(name, fn)) as typeof describe;
