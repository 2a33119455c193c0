import { verifySignature, verifySubscription } from "@toktok/whatsapp-client";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { HealthReport } from "../bot/health.ts";

/** What the HTTP layer needs from the rest of the bot. */
export interface HttpServices {
  appSecret: string;
  verifyToken: string;
  /** The Fetch handler of `createWebhookHandler` (verifies, parses, de-duplicates, answers 200 fast). */
  webhook: (request: Request) => Promise<Response>;
  /** Prometheus exposition text. */
  metrics: () => Promise<string>;
  /** The state of each backing service (`/healthz`, `/readyz`). */
  health: () => Promise<HealthReport>;
  /** Told of each delivery refused for its signature (tracked as a security event). */
  onSignatureRefused?: (reason: "missing" | "mismatch") => void;
}

const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * The bot's HTTP routes as a Hono app: `GET/POST /webhook`, `GET /metrics`, `GET /healthz`, `GET /readyz`.
 * Mount more routes on the returned app (the operator dashboard does, see dashboard-hook.ts).
 */
export function createHttpApp(services: HttpServices): Hono {
  const app = new Hono();

  app.get("/webhook", (c) => {
    try {
      return c.text(verifySubscription(new URL(c.req.url).searchParams, services.verifyToken));
    } catch {
      return c.text("Forbidden", 403);
    }
  });

  // Meta's deliveries are small; refuse anything larger while it streams in, before buffering it.
  // `connection: close`: the rest of the refused body is not read, so the socket cannot be reused.
  const limit = bodyLimit({
    maxSize: 5 * 1024 * 1024,
    onError: (c) => c.text("Payload Too Large", 413, { connection: "close" }),
  });
  app.post("/webhook", limit, async (c) => {
    const signature = c.req.header("x-hub-signature-256");
    if (!signature) {
      services.onSignatureRefused?.("missing");
      return c.text("Missing X-Hub-Signature-256", 401);
    }
    // The raw bytes, exactly as received: Meta signs its escaped-unicode JSON.
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifySignature(raw, signature, services.appSecret)) {
      services.onSignatureRefused?.("mismatch");
      return c.text("Invalid signature", 403);
    }
    return services.webhook(new Request(c.req.url, { method: "POST", headers: c.req.raw.headers, body: raw }));
  });

  app.get("/metrics", async (c) => {
    const text = await services.metrics();
    return c.body(text, 200, { "content-type": PROMETHEUS_CONTENT_TYPE });
  });

  // Liveness: 200 while the process runs, whatever its dependencies do — it heals by itself once
  // they are back, so an orchestrator must not restart it. The body says what is down.
  app.get("/healthz", async (c) => c.json(await services.health(), 200));

  // Readiness: 503 while webhooks cannot be recorded (Redis down), so a load balancer routes elsewhere.
  app.get("/readyz", async (c) => {
    const report = await services.health();
    return c.json(report, report.ready ? 200 : 503);
  });

  return app;
}
