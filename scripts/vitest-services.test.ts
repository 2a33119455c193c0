import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TestProject } from "vitest/node";
import setup, { type ServiceStatus } from "./vitest-services.js";

function fakeProject() {
  const provided: { services?: ServiceStatus } = {};
  const project = {
    provide: (key: "services", value: ServiceStatus) => {
      provided[key] = value;
    },
  } as unknown as TestProject;
  return { project, provided };
}

async function listening(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, port: address.port };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listening();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("integration services global setup", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("fails the run under CI=true when a service does not answer", async () => {
    const port = await closedPort();
    vi.stubEnv("CI", "true");
    vi.stubEnv("REDIS_URL", `redis://127.0.0.1:${port}`);
    const { project } = fakeProject();
    await expect(setup(project)).rejects.toThrow(/redis.*CI=true, failing instead of skipping/);
  });

  it("skips loudly outside CI and tells the tests which service is down", async () => {
    const port = await closedPort();
    const { server, port: pgPort } = await listening();
    vi.stubEnv("CI", "");
    vi.stubEnv("REDIS_URL", `redis://127.0.0.1:${port}`);
    vi.stubEnv("DATABASE_URL", `postgres://root@127.0.0.1:${pgPort}/test`);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { project, provided } = fakeProject();
    await setup(project);
    server.close();
    expect(provided.services).toMatchObject({ redis: false, postgres: true });
    expect(String(stderr.mock.calls[0]?.[0])).toContain("SKIPPED");
  });
});
