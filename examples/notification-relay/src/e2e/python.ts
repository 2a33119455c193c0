// Runs clients/toktok_relay.py's send_event for real (python3), as a Django backend would.
import { spawn, spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const client = fileURLToPath(new URL("../../clients/toktok_relay.py", import.meta.url));

/** True when `python3` runs here. */
export const hasPython: boolean = spawnSync("python3", ["--version"]).status === 0;

/** What `send_event` gave: the relay's JSON answer, or the `RelayError` it raised. */
export type PythonResult =
  | { answer: Record<string, unknown> }
  | { error: { status: number; retryable: boolean; retry_after: number | null; body: string } };

const program = `
import json, sys
sys.path.insert(0, sys.argv[1])
from toktok_relay import RelayError, send_event
with open(sys.argv[2], encoding="utf-8") as f:
    event = json.load(f)
try:
    print(json.dumps({"answer": send_event(event)}))
except RelayError as e:
    print(json.dumps({"error": {"status": e.status, "retryable": e.retryable, "retry_after": e.retry_after, "body": e.body}}))
`;

/** Sends `event` to the relay at `url` with the Python client (async: the relay may run in this process). */
export async function sendWithPython(url: string, secret: string, event: unknown): Promise<PythonResult> {
  const file = join(tmpdir(), `toktok-relay-${process.pid}-${Math.random()}.json`);
  await writeFile(file, JSON.stringify(event));
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", program, dirname(client), file], {
      env: { ...process.env, TOKTOK_RELAY_URL: url, TOKTOK_RELAY_SECRET: secret },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(out) as PythonResult);
      else reject(new Error(`python3 exited with ${code}: ${err}`));
    });
  });
}
