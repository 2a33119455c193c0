import { readFile } from "node:fs/promises";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { firstIssue, relayEventSchema } from "./event-schema.ts";
import type { createRelay } from "./relay.ts";
import { checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.ts";

/** What the HTTP layer needs. */
export interface RelayAppOptions {
  secret: string;
  toleranceSeconds: number;
  relay: ReturnType<typeof createRelay>;
  /** Largest body accepted, bytes. Default 256 KiB. */
  maxBodyBytes?: number;
}

const openapi = new URL("../openapi.yaml", import.meta.url);

/** `POST /events`, `GET /healthz`, `GET /openapi.yaml`. */
export function createRelayApp(options: RelayAppOptions): Hono {
  const app = new Hono();
  const maxBody = options.maxBodyBytes ?? 256 * 1024;

  // Enforced while the body streams in (chunked bodies too), before it is buffered.
  // `connection: close`: the rest of the refused body is not read, so the socket cannot be reused.
  const limit = bodyLimit({
    maxSize: maxBody,
    onError: (c) => c.json({ error: "payload_too_large" }, 413, { connection: "close" }),
  });
  app.post("/events", limit, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const problem = checkSignature(
      options.secret,
      raw,
      { signature: c.req.header(SIGNATURE_HEADER), timestamp: c.req.header(TIMESTAMP_HEADER) },
      { toleranceSeconds: options.toleranceSeconds },
    );
    if (problem === "missing") {
      return c.json(
        { error: "unauthenticated", message: `${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} are required` },
        401,
      );
    }
    if (problem) return c.json({ error: "forbidden", message: `signature ${problem}` }, 403);

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return c.json({ error: "invalid_event", field: "body", rule: "must be JSON" }, 400);
    }
    const parsed = relayEventSchema.safeParse(json);
    if (!parsed.success) return c.json({ error: "invalid_event", ...firstIssue(parsed.error) }, 400);

    const result = await options.relay.process(parsed.data);
    const eventId = parsed.data.eventId;
    switch (result.kind) {
      case "sent":
        return c.json({ eventId, status: "sent", ...result.outcome }, 200);
      case "duplicate":
        return c.json({ eventId, status: "duplicate", ...result.outcome }, 200);
      case "in_progress":
        return c.json({ eventId, status: "in_progress" }, 409);
      case "failed":
        return c.json({ eventId, status: "failed", error: "whatsapp_unavailable", message: result.message }, 502);
    }
  });

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/openapi.yaml", async (c) =>
    c.body(await readFile(openapi, "utf8"), 200, { "content-type": "application/yaml" }),
  );
  return app;
}
