import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startGraphStandIn } from "../simulator/graph-stand-in.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGTERM");
});

/** Starts `pnpm start`'s entry with exactly this environment (plus PATH). */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const onData = (c: Buffer) => {
    output += c.toString();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = output.split("\n").find((l) => pattern.test(l));
        if (match) resolve(match);
      };
      child.stderr?.on("data", check);
      child.stdout?.on("data", check);
      void exited.then(() =>
        pattern.test(output) ? check() : reject(new Error(`exited before ${pattern}:\n${output}`)),
      );
    });
  return { exited, line, output: () => output };
}

const valid = {
  WHATSAPP_TOKEN: "EAAG-start-test-token",
  WHATSAPP_PHONE_NUMBER_ID: "1234567890",
  WHATSAPP_APP_SECRET: "start-test-app-secret",
  WHATSAPP_VERIFY_TOKEN: "start-test-verify",
};

// Each case starts one or two Node processes: on a loaded 2-core machine that alone takes seconds.
describe("pnpm start", { timeout: 30_000 }, () => {
  it("stops at start with a message naming the invalid variable, and no secret", async () => {
    const run = start({ ...valid, WHATSAPP_PHONE_NUMBER_ID: "not-digits", PORT: "99999" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("WHATSAPP_PHONE_NUMBER_ID");
    expect(run.output()).toContain("PORT");
    expect(run.output()).not.toContain("start-test-app-secret");
    expect(run.output()).not.toContain("EAAG-start-test-token");
  });

  it("names a missing required variable", async () => {
    const { WHATSAPP_APP_SECRET: _, ...rest } = valid;
    const run = start(rest);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/WHATSAPP_APP_SECRET: .*required/);
  });

  it("stops at start, naming the variable, when a configured service does not answer", async () => {
    const redis = start({ ...valid, REDIS_URL: "redis://:s3cret-pass@127.0.0.1:1" });
    expect(await redis.exited).toBe(1);
    expect(redis.output()).toMatch(/REDIS_URL: cannot reach Redis/);
    expect(redis.output()).not.toContain("s3cret-pass");
    const postgres = start({ ...valid, DATABASE_URL: "postgres://root:s3cret-pass@127.0.0.1:1/test" });
    expect(await postgres.exited).toBe(1);
    expect(postgres.output()).toMatch(/DATABASE_URL: cannot prepare the analytics tables/);
    expect(postgres.output()).not.toContain("s3cret-pass");
  });

  it("serves on the configured port with in-memory defaults when no optional service is set", async () => {
    const graph = await startGraphStandIn({ accessToken: valid.WHATSAPP_TOKEN });
    try {
      const run = start({ ...valid, PORT: "0", HOST: "127.0.0.1", WHATSAPP_API_BASE_URL: graph.url });
      const listening = JSON.parse(await run.line(/delivery bot listening/)) as Record<string, unknown>;
      expect(listening).toMatchObject({ redis: false, postgres: false, llm: false });
      const health = await fetch(`${listening.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await graph.close();
    }
  });
});
