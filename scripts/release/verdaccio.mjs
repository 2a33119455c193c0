// Starts a throw-away Verdaccio on loopback with its storage in `dir`, and
// registers a user so `pnpm publish` has a token. No uplinks: it only ever
// serves the @toktok packages we publish to it.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** A free TCP port on 127.0.0.1 (bind to 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ dir: string, bin: string, log: (line: string) => void }} options
 * @returns {Promise<{ url: string, token: string, stop: () => Promise<void> }>}
 */
export async function startVerdaccio({ dir, bin, log }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${join(dir, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${join(dir, "htpasswd")}`,
      "    max_users: 10",
      "uplinks: {}",
      "packages:",
      "  '@toktok/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "middlewares:",
      "  audit:",
      "    enabled: false",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const child = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, VERDACCIO_APPDIR: dir },
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    await waitUntilUp(url, child, () => output);
    const token = await addUser(url);
    log(`verdaccio up on ${url} (storage ${dir})`);
    return { url, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilUp(url, child, output) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer within 30 s:\n${output()}`);
}

/** The npm "adduser" call: PUT /-/user/org.couchdb.user:<name> → { token }. */
async function addUser(url) {
  const name = "release-verify";
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: `pw-${Date.now()}`, type: "user", roles: [] }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.token !== "string") {
    throw new Error(`verdaccio refused the user registration: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}
