// Helpers of the inbox tests: operator tokens, signed deliveries of any message kind, the SSE stream.
import { SignJWT } from "jose";
import type { Simulation } from "../demo/simulation.ts";
import { metaJson } from "../simulator/meta-json.ts";
import { createWebhookSigner } from "../simulator/webhook-signer.ts";

/** The dashboard key of the inbox tests. */
export const SECRET = "inbox-e2e-secret-of-at-least-32-characters";

/** An operator's (or admin's) token, with the first name the customer hears. */
export const operatorToken = (id: string, name: string, role = "operator"): Promise<string> =>
  new SignJWT({ role, name })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(id)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(SECRET));

/** Calls the inbox API with a token; answers the status and the JSON body. */
export async function inboxApi(
  sim: Simulation,
  token: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.server.url}/api/inbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Posts a signed delivery of `message` (any Meta message object: image, document, sticker…) from
 * `from`, stamped `at` (default now), and waits for the bot to handle it.
 */
export async function deliver(
  sim: Simulation,
  from: string,
  message: Record<string, unknown>,
  at = Date.now(),
): Promise<string> {
  const signer = createWebhookSigner({
    appSecret: sim.secrets.appSecret,
    phoneNumberId: sim.secrets.phoneNumberId,
    now: () => at,
  });
  const base = signer.text({ from, name: "Grâce Mabiala" }, "x");
  const payload = JSON.parse(base.body) as {
    entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>;
  };
  const slot = payload.entry[0]?.changes[0]?.value.messages;
  if (!slot?.[0]) throw new Error("unexpected delivery shape");
  const { type: _type, text: _text, ...envelope } = slot[0];
  slot[0] = { ...envelope, ...message };
  const body = metaJson(payload);
  const res = await fetch(`${sim.server.url}/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signer.sign(body) },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  await sim.bot.drain();
  return base.messageId;
}

/** Reads `GET /api/inbox/events` as a stream and collects its events until `close()`. */
export function openEvents(
  sim: Simulation,
  token: string,
): { events: Array<{ type: string; waId: string }>; ready: Promise<void>; close(): void } {
  const events: Array<{ type: string; waId: string }> = [];
  const abort = new AbortController();
  let connected: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  void (async () => {
    const res = await fetch(`${sim.server.url}/api/inbox/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    // The server subscribes before it answers: every event from here on reaches this stream.
    connected();
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut = buffer.indexOf("\n\n");
      while (cut >= 0) {
        const data = buffer
          .slice(0, cut)
          .split("\n")
          .find((l) => l.startsWith("data: "));
        if (data) events.push(JSON.parse(data.slice(6)));
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf("\n\n");
      }
    }
  })().catch(() => {});
  return { events, ready, close: () => abort.abort() };
}
