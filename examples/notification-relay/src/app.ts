import { readFile } from "node:fs/promises";
import { createLogger, type Logger } from "@toktok-example/shared";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { firstIssue, relayEventSchema } from "./event-schema.ts";
import { checkHealth, type HealthCheck } from "./health.ts";
import type { Relay } from "./relay.ts";
import { checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.ts";

/** What the HTTP layer needs. */
export interface RelayAppOptions {
  secret: string;
  toleranceSeconds: number;
  relay: Relay;
  /** Largest body accepted, bytes. Default 256 KiB. */
  maxBodyBytes?: number;
  /** Dependency probes of `/healthz` and `/readyz`, by name (`redis`). Default none. */
  health?: Record<string, HealthCheck>;
  /** True once the relay is shutting down: `/readyz` answers 503 so load balancers stop sending. */
  closing?: () => boolean;
  logger?: Logger;
}

/** Seconds the backend should wait before retrying when the idempotency store is away. */
export const STORE_RETRY_AFTER_S = 2;

const openapi = new URL("../openapi.yaml", import.meta.url);
const seconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

/**
 * `POST /events`, `GET /healthz`, `GET /readyz`, `GET /openapi.yaml`. Every error answer is JSON
 * as `openapi.yaml` documents it, unknown routes and unexpected failures included.
 */
export function createRelayApp(options: RelayAppOptions): Hono {
  const app = new Hono();
  const maxBody = options.maxBodyBytes ?? 256 * 1024;
  const logger = options.logger ?? createLogger("silent");
  const health = options.health ?? {};

  app.notFound((c) => c.json({ error: "not_found", message: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    logger.error("relay: unexpected error", { path: c.req.path, error: error.message });
    return c.json({ error: "internal_error", message: "unexpected error; retry with the same eventId" }, 500);
  });

  // Enforced while the body streams in (chunked bodies too), before it is buffered.
  // `connection: close`: the rest of the refused body is not read, so the socket cannot be reused.
  const limit = bodyLimit({
    maxSize: maxBody,
    onError: (c) =>
      c.json({ error: "payload_too_large", message: `body over ${maxBody} bytes` }, 413, { connection: "close" }),
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
        return c.json({ eventId, status: "in_progress" }, 409, { "retry-after": seconds(result.retryAfterMs) });
      case "failed":
        return c.json({ eventId, status: "failed", error: "whatsapp_unavailable", message: result.message }, 502);
      case "rejected":
        return c.json({ eventId, status: "failed", error: "whatsapp_rejected", message: result.message }, 422);
      case "unavailable":
        return c.json({ eventId, status: "failed", error: "store_unavailable", message: result.message }, 503, {
          "retry-after": String(STORE_RETRY_AFTER_S),
        });
    }
  });

  app.get("/healthz", async (c) => {
    const report = await checkHealth(health);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });
  app.get("/readyz", async (c) => {
    const report = await checkHealth(health);
    const ready = report.status === "ok" && !options.closing?.();
    return ready
      ? c.json(report, 200)
      : c.json({ ...report, status: "down" }, 503, { "retry-after": String(STORE_RETRY_AFTER_S) });
  });
  app.get("/openapi.yaml", async (c) =>
    c.body(await readFile(openapi, "utf8"), 200, { "content-type": "application/yaml" }),
  );
  return app;
}
