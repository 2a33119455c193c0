import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "@toktok-example/shared";
import type { z } from "zod";
import { sendError, sendJson, sendText } from "../dashboard-api/http.ts";
import type { InboxBus } from "./events.ts";
import type { HandoffFigures } from "./figures.ts";
import { type Inbox, InboxRefusal, type OperatorMessage } from "./inbox.ts";
import type { Operator, OperatorAuth } from "./operator-auth.ts";
import { INBOX_PAGE } from "./page.ts";
import {
  contactBody,
  INBOX_ROUTES,
  type InboxRouteName,
  listQuery,
  messageBody,
  takeBody,
  waIdSchema,
} from "./routes.ts";

/** What {@link inboxHandler} serves. */
export interface InboxHttpDeps {
  inbox: Inbox;
  bus: InboxBus;
  figures: HandoffFigures;
  auth: (headers: IncomingMessage["headers"]) => Promise<OperatorAuth>;
  canned: ReadonlyArray<{ title: string; text: string }>;
  logger: Logger;
}

const API = "/api/inbox";
const PAGE = "/dashboard/inbox";
const MAX_BODY = 64 * 1024;

class BadRequest extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BadRequest("body", `body: at most ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest("body", "body: must be JSON");
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  throw new BadRequest(field, `${field}: ${issue?.message ?? "invalid"}`);
}

/**
 * The operator inbox over HTTP: `/api/inbox/*` (admin or operator JWT; see openapi.yaml) and the
 * inbox page at `/dashboard/inbox`. Resolves `false` for any other path.
 */
export function inboxHandler(deps: InboxHttpDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === PAGE || url.pathname === `${PAGE}/`) {
      sendText(res, 200, "text/html; charset=utf-8", INBOX_PAGE, {
        "content-security-policy":
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src https: data:; media-src data:",
      });
      return true;
    }
    if (url.pathname !== API && !url.pathname.startsWith(`${API}/`)) return false;
    const sub = url.pathname.slice(API.length);
    const auth = await deps.auth(req.headers);
    if (!auth.ok) {
      sendError(
        res,
        auth.status,
        { error: auth.error, message: auth.message },
        auth.status === 401 ? { "www-authenticate": "Bearer" } : {},
      );
      return true;
    }
    const route = INBOX_ROUTES.find((r) => r.pattern.test(sub));
    if (!route) {
      sendError(res, 404, { error: "not_found", message: `no inbox route ${sub || "/"}` });
      return true;
    }
    if (req.method !== route.method) {
      sendError(res, 405, { error: "method_not_allowed", message: `only ${route.method}` }, { allow: route.method });
      return true;
    }
    try {
      const raw = route.pattern.exec(sub)?.[1];
      const waId = raw === undefined ? "" : parse(waIdSchema, decodeURIComponent(raw), "waId");
      await answer(route.name, waId, auth.operator, req, res, url);
    } catch (error) {
      if (error instanceof BadRequest)
        sendError(res, 400, { error: "invalid_request", field: error.field, message: error.message });
      else if (error instanceof URIError)
        sendError(res, 400, { error: "invalid_request", field: "waId", message: "waId: bad escape" });
      else if (error instanceof InboxRefusal) {
        sendJson(res, error.status, {
          error: error.code,
          message: error.message,
          ...(error.owner ? { owner: error.owner } : {}),
        });
      } else {
        deps.logger.error("inbox: request failed", {
          route: route.name,
          error: error instanceof Error ? error.name : String(error),
        });
        if (!res.headersSent) sendError(res, 500, { error: "internal", message: "the inbox could not answer" });
      }
    }
    return true;
  };

  async function answer(
    name: InboxRouteName,
    waId: string,
    operator: Operator,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ) {
    const { inbox } = deps;
    switch (name) {
      case "list": {
        const { state } = parse(listQuery, Object.fromEntries(url.searchParams), "query");
        sendJson(res, 200, { conversations: await inbox.list(state, operator) });
        return;
      }
      case "detail":
        sendJson(res, 200, await inbox.detail(waId));
        return;
      case "take": {
        const body = parse(takeBody, await readJson(req), "body");
        sendJson(res, 200, { owner: await inbox.take(waId, operator, body?.reassign === true) });
        return;
      }
      case "message": {
        const body = parse(messageBody, await readJson(req), "body") as OperatorMessage;
        sendJson(res, 200, { message: await inbox.send(waId, operator, body) });
        return;
      }
      case "contact": {
        const body = parse(contactBody, await readJson(req), "body");
        sendJson(res, 200, { message: await inbox.contact(waId, operator, body.to, body.text) });
        return;
      }
      case "release":
        await inbox.release(waId, operator);
        sendJson(res, 200, { owner: "bot" });
        return;
      case "request":
        sendJson(res, 200, { owner: await inbox.request(waId) });
        return;
      case "figures":
        sendJson(res, 200, await deps.figures.snapshot());
        return;
      case "canned":
        sendJson(res, 200, { replies: deps.canned });
        return;
      case "events":
        streamEvents(req, res);
        return;
    }
  }

  /** Server-sent events: one `data:` line per inbox event, a comment every 25 s so proxies keep it open. */
  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    // Subscribed before the answer starts, so a client that saw the headers misses no event.
    const unsubscribe = deps.bus.subscribe((event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    });
    res.write(": connected\n\n");
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 25_000).unref();
    req.on("close", () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }
}
