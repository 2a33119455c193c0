// Operator tokens (issue 22): `pnpm operator-token` mints one from the server's key; the inbox takes
// it with its role and the operator's name (customers hear the first name), refuses other roles.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { catalogues } from "@toktok/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardConfigError } from "../dashboard-api/errors.ts";
import { type Simulation, startSimulation } from "../demo/simulation.ts";
import { inboxLink, mintOperatorToken } from "./operator-token.ts";
import { deliver, inboxApi, SECRET } from "./test-support.ts";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("./operator-token-cli.ts", import.meta.url));
const CUSTOMER = "242061250001";

/** Runs the CLI as `pnpm operator-token` does; answers its exit code and output. */
async function operatorToken(args: string[], env: Record<string, string> = { DASHBOARD_JWT_SECRET: SECRET }) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("operator tokens", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await startSimulation({ logLevel: "silent", env: { DASHBOARD_JWT_SECRET: SECRET } });
  });
  afterAll(() => sim.close());

  it("mints from the CLI a token the inbox accepts; the customer hears the operator's first name", async () => {
    const out = await operatorToken(["--name", "Grâce Ibara", "--role", "operator", "--url", sim.server.url]);
    expect(out).toMatchObject({ code: 0, stderr: "" });
    const [token, link] = out.stdout.trim().split("\n");
    expect(link).toBe(inboxLink(sim.server.url, token as string));
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/inbox#token=[\w-]+\.[\w-]+\.[\w-]+$/);
    await deliver(sim, CUSTOMER, { type: "text", text: { body: "je veux parler à un humain" } });
    const taken = await inboxApi(sim, token as string, `/conversations/${CUSTOMER}/take`, {});
    expect(taken).toMatchObject({ status: 200, body: { owner: "operator:op-grace-ibara" } });
    await sim.bot.drain();
    const texts = sim.graph.messages
      .filter((m) => m.to === CUSTOMER)
      .map((m) => (m.body.text as { body?: string } | undefined)?.body);
    expect(texts).toContain(catalogues.fr.handoff.operatorJoined("Grâce"));
  });

  it("gives reassigning to admins only", async () => {
    const admin = await mintOperatorToken({ env: { DASHBOARD_JWT_SECRET: SECRET }, name: "Awa", role: "admin" });
    const operator = await mintOperatorToken({ env: { DASHBOARD_JWT_SECRET: SECRET }, name: "Jean" });
    // The customer of the first test is Grace's: an operator's reassign is a plain take (refused), an admin's wins.
    expect((await inboxApi(sim, operator, `/conversations/${CUSTOMER}/take`, { reassign: true })).status).toBe(409);
    expect(await inboxApi(sim, admin, `/conversations/${CUSTOMER}/take`, { reassign: true })).toMatchObject({
      status: 200,
      body: { owner: "operator:op-awa" },
    });
  });

  it("refuses a role other than admin or operator, a missing name, and no key — naming the flag, never a key", async () => {
    const driver = await operatorToken(["--name", "Patrick", "--role", "livreur"]);
    expect(driver.code).toBe(2);
    expect(driver.stderr).toContain("--role: must be admin or operator");
    expect(driver.stdout).toBe("");
    expect((await operatorToken(["--role", "operator"])).stderr).toContain("--name: is required");
    expect((await operatorToken(["--name", "Grace", "--ttl-hours", "0"])).stderr).toContain("--ttl-hours");
    const noKey = await operatorToken(["--name", "Grace"], {});
    expect(noKey).toMatchObject({ code: 2, stdout: "" });
    expect(noKey.stderr).toContain("DASHBOARD_JWT_SECRET");
    await expect(
      mintOperatorToken({ env: { DASHBOARD_JWT_SECRET: SECRET }, name: "Eve", id: "a b" }),
    ).rejects.toSatisfy((e) => DashboardConfigError.isInstance(e) && e.field === "id");
  });
});
