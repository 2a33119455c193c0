import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TokTokBackend } from "../backend/types.js";
import { FlowsError, NotFoundError } from "../errors.js";

/** A running reference server. */
export interface ReferenceServer {
  url: string;
  /** Requests seen, as `METHOD /path?query`, with their headers and JSON body (when any). */
  requests: Array<{ line: string; headers: IncomingMessage["headers"]; body?: unknown }>;
  /** Statuses to answer before handling normally (e.g. `[503, 503]` to exercise retries). */
  failures: number[];
  /** Delay before answering, in ms (to exercise timeouts). */
  delayMs: number;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

type Route = (m: RegExpMatchArray, q: URLSearchParams, body: unknown, key: string | undefined) => Promise<unknown>;

/**
 * Serves `openapi/backend.yaml` over node:http on top of any {@link TokTokBackend} (e.g. `MemoryBackend`):
 * the reference implementation the HttpBackend tests run against.
 */
export async function startReferenceServer(backend: TokTokBackend, apiKey?: string): Promise<ReferenceServer> {
  const opt = (key: string | undefined) => (key ? { idempotencyKey: key } : {});
  const qs = (q: URLSearchParams, names: string[]) =>
    Object.fromEntries(names.filter((n) => q.has(n)).map((n) => [n, q.get(n) ?? ""])) as Record<string, never>;
  const routes: Array<[string, RegExp, Route]> = [
    ["GET", /^\/users\/by-phone\/([^/]+)$/, (m) => backend.users.findByPhone(decodeURIComponent(m[1] ?? ""))],
    ["POST", /^\/users$/, (_m, _q, b, k) => backend.users.create(b as never, opt(k))],
    [
      "PATCH",
      /^\/users\/by-phone\/([^/]+)$/,
      async (m, _q, b) => {
        if (!backend.users.update) throw new NotFoundError("route", "PATCH /users/by-phone/{phone}");
        return backend.users.update(decodeURIComponent(m[1] ?? ""), { name: (b as { name: string }).name });
      },
    ],
    [
      "POST",
      /^\/missions\/([^/]+)\/reschedule$/,
      async (m, _q, b, k) => {
        if (!backend.missions.reschedule) throw new NotFoundError("route", "POST /missions/{id}/reschedule");
        return backend.missions.reschedule(
          decodeURIComponent(m[1] ?? ""),
          (b as { scheduledAt: string }).scheduledAt,
          opt(k),
        );
      },
    ],
    [
      "POST",
      /^\/missions\/([^/]+)\/proof$/,
      async (m, _q, b, k) => {
        if (!backend.missions.recordProof) throw new NotFoundError("route", "POST /missions/{id}/proof");
        return backend.missions.recordProof(decodeURIComponent(m[1] ?? ""), b as never, opt(k));
      },
    ],
    ["POST", /^\/missions\/quote$/, (_m, _q, b) => backend.missions.quote(b as never)],
    ["POST", /^\/missions$/, (_m, _q, b, k) => backend.missions.create(b as never, opt(k))],
    [
      "GET",
      /^\/missions$/,
      (_m, q) => backend.missions.list(qs(q, ["status", "clientPhone", "driverId", "createdOn"])),
    ],
    ["GET", /^\/missions\/([^/]+)$/, (m) => backend.missions.get(decodeURIComponent(m[1] ?? ""))],
    [
      "POST",
      /^\/missions\/([^/]+)\/accept$/,
      (m, _q, b, k) => backend.missions.accept(decodeURIComponent(m[1] ?? ""), (b as { driver: never }).driver, opt(k)),
    ],
    [
      "POST",
      /^\/missions\/([^/]+)\/status$/,
      (m, _q, b, k) => {
        const { status, location } = b as { status: never; location?: never };
        return backend.missions.updateStatus(
          decodeURIComponent(m[1] ?? ""),
          status,
          location ? { location } : {},
          opt(k),
        );
      },
    ],
    [
      "POST",
      /^\/orders\/([^/]+)\/reschedule$/,
      async (m, _q, b, k) => {
        if (!backend.orders.reschedule) throw new NotFoundError("route", "POST /orders/{id}/reschedule");
        return backend.orders.reschedule(
          decodeURIComponent(m[1] ?? ""),
          (b as { scheduledAt: string }).scheduledAt,
          opt(k),
        );
      },
    ],
    ["POST", /^\/orders$/, (_m, _q, b, k) => backend.orders.create(b as never, opt(k))],
    ["GET", /^\/orders$/, (_m, q) => backend.orders.list(qs(q, ["status", "merchantId", "clientPhone"]))],
    ["GET", /^\/orders\/([^/]+)$/, (m) => backend.orders.get(decodeURIComponent(m[1] ?? ""))],
    [
      "POST",
      /^\/orders\/([^/]+)\/status$/,
      (m, _q, b, k) =>
        backend.orders.updateStatus(decodeURIComponent(m[1] ?? ""), (b as { status: never }).status, opt(k)),
    ],
    ["GET", /^\/catalogue\/categories$/, () => backend.catalogue.categories()],
    [
      "GET",
      /^\/catalogue\/categories\/([^/]+)\/merchants$/,
      (m) => backend.catalogue.merchants(decodeURIComponent(m[1] ?? "")),
    ],
    ["GET", /^\/catalogue\/merchants\/([^/]+)$/, (m) => backend.catalogue.merchant(decodeURIComponent(m[1] ?? ""))],
    [
      "GET",
      /^\/catalogue\/merchants\/([^/]+)\/products$/,
      (m) => backend.catalogue.products(decodeURIComponent(m[1] ?? "")),
    ],
    ["GET", /^\/catalogue\/products\/([^/]+)$/, (m) => backend.catalogue.product(decodeURIComponent(m[1] ?? ""))],
  ];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = await bodyOf(req);
    state.requests.push({ line: `${req.method} ${url.pathname}${url.search}`, headers: req.headers, body });
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs).unref());
    const failure = state.failures.shift();
    if (failure !== undefined) return send(res, failure, { error: { code: "unavailable", message: "try again" } });
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, 401, { error: { code: "unauthorized", message: "bad API key" } });
    }
    const path = url.pathname.replace(/^\/v1/, "");
    for (const [method, pattern, route] of routes) {
      const m = req.method === method ? path.match(pattern) : null;
      if (!m) continue;
      try {
        const key = req.headers["idempotency-key"];
        const result = await route(m, url.searchParams, body, typeof key === "string" ? key : undefined);
        if (result === undefined) return send(res, 404, { error: { code: "not_found", message: `${path} not found` } });
        return send(res, req.method === "POST" && /^\/(users|missions|orders)$/.test(path) ? 201 : 200, result);
      } catch (err) {
        const status = FlowsError.isInstance(err) ? ((err as { status?: number }).status ?? 422) : 500;
        return send(res, status, { error: { code: "error", message: (err as Error).message } });
      }
    }
    send(res, 404, { error: { code: "no_route", message: `no route ${req.method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const state: ReferenceServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests: [],
    failures: [],
    delayMs: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
