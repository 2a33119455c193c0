import { spawn, spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GraphStandIn, startGraphStandIn } from "../../../delivery-bot/src/simulator/graph-stand-in.ts";
import { loadRelayConfig } from "../config.ts";
import { type RunningRelay, startRelay } from "../server.ts";
import { acceptedMission } from "./fixtures.ts";
import { sendWithPython } from "./python.ts";

const client = fileURLToPath(new URL("../../clients/toktok_relay.py", import.meta.url));
const SECRET = "python-client-secret-0123456789";
const python = spawnSync("python3", ["--version"]).status === 0;

// The README's Python client (what the Django signal calls), run for real against the relay.
// Each case starts a Python interpreter (and two for a repeat): seconds on a loaded 2-core machine.
describe.skipIf(!python)("Python client (clients/toktok_relay.py)", { timeout: 30_000 }, () => {
  let graph: GraphStandIn;
  let relay: RunningRelay;
  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: "EAAG-py", phoneNumberId: "999" });
    relay = await startRelay(
      loadRelayConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        RELAY_SECRET: SECRET,
        WHATSAPP_TOKEN: "EAAG-py",
        WHATSAPP_PHONE_NUMBER_ID: "999",
        WHATSAPP_API_BASE_URL: graph.url,
        LOG_LEVEL: "silent",
      }),
    );
  });
  afterAll(async () => {
    await relay.close();
    await graph.close();
  });

  const send = async (event: unknown, secret = SECRET) => {
    const file = join(tmpdir(), `toktok-relay-${process.pid}-${Math.random()}.json`);
    await writeFile(file, JSON.stringify(event));
    // Async spawn: the relay runs in this process and must keep answering.
    return new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn("python3", [client, file], {
        env: { ...process.env, TOKTOK_RELAY_URL: relay.url, TOKTOK_RELAY_SECRET: secret },
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
      });
      child.stderr.on("data", (c: Buffer) => {
        out += c.toString();
      });
      child.on("close", (code) => resolve({ code, out }));
    });
  };

  it("signs accented JSON the relay accepts, and a repeat is a duplicate", async () => {
    const event = { eventId: "py-1", type: "mission.status_changed", mission: acceptedMission("9") };
    const first = await send(event);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ status: "sent" });
    const again = await send(event);
    expect(JSON.parse(again.out)).toMatchObject({ status: "duplicate" });
  });

  it("raises RelayError with the status on a wrong secret", async () => {
    const { code, out } = await send(
      { eventId: "py-2", type: "mission.status_changed", mission: acceptedMission("9") },
      "wrong-secret-0123456789",
    );
    expect(code).not.toBe(0);
    expect(out).toContain("RelayError: TokTok relay answered 403");
  });

  it("tells a refusal that a retry cannot fix (retryable False) from a retryable one", async () => {
    const refused = await sendWithPython(relay.url, "wrong-secret-0123456789", {
      eventId: "py-3",
      type: "mission.status_changed",
      mission: acceptedMission("9"),
    });
    expect(refused).toMatchObject({ error: { status: 403, retryable: false, retry_after: null } });
    // Nothing listens on the port any more: a network error, worth retrying.
    const unreachable = await sendWithPython("http://127.0.0.1:9", SECRET, { eventId: "py-4" });
    expect(unreachable).toMatchObject({ error: { status: 0, retryable: true } });
  }, 20_000);
});
