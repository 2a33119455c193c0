import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";

/** A request the front passed on to the bot, with the bot's answer. */
export interface ForwardedCallback {
  method: string;
  /** Path and query, e.g. `/payments/mtn?referenceId=…`. */
  path: string;
  body: string;
  /** The bot's HTTP status. */
  status: number;
}

/** A running {@link startCallbackFront}. */
export interface CallbackFront {
  /** The origin the providers call back, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request passed on, in order. */
  readonly forwarded: readonly ForwardedCallback[];
  /** Starts passing requests on to the bot at `origin`; until then the front answers 503, like a proxy whose upstream is down. */
  forwardTo(origin: string): void;
  close(): Promise<void>;
}

/**
 * The bot's public origin as MTN and Airtel see it (`PAYMENTS_PUBLIC_URL` behind a proxy in production), on
 * loopback. It exists because the payment clients need their callback URL when they are built, before the bot
 * listens on its random port; it also keeps what came through, so a test can tell a callback reached the bot.
 */
export async function startCallbackFront(): Promise<CallbackFront> {
  let origin: string | undefined;
  const forwarded: ForwardedCallback[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await text(req);
    if (origin === undefined) {
      res.writeHead(503).end();
      return;
    }
    const method = req.method ?? "POST";
    const path = req.url ?? "/";
    const contentType = req.headers["content-type"];
    const answer = await fetch(`${origin}${path}`, {
      method,
      headers: contentType === undefined ? {} : { "content-type": contentType },
      ...(method === "GET" || method === "HEAD" ? {} : { body }),
    });
    forwarded.push({ method, path, body, status: answer.status });
    res.writeHead(answer.status).end(await answer.text());
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    forwardTo: (to) => {
      origin = to;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
