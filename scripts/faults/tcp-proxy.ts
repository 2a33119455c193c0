// A TCP proxy for fault-injection tests: put it between a client and a real
// server (PostgreSQL, Redis…) and cut, refuse, hold or mute connections at will.
// The real server is never touched.
import { once } from "node:events";
import { createConnection, createServer, type Socket } from "node:net";

/** How `pause()` treats new connections. */
export type PauseMode =
  /** Accepted, then destroyed at once: the client sees a reset (like a server that is down). */
  | "refuse"
  /** Accepted and left silent, bytes held: the client waits (like a blackholed network); forwarded on `resume()`. */
  | "hold";

/** A running proxy. */
export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** Open client connections. */
  readonly connections: number;
  /** `url` with its host and port replaced by the proxy's (user, password, path and query kept). */
  url(target: string): string;
  /** Destroys every open connection, both sides, without a goodbye. New connections are still accepted. */
  cut(): void;
  /** New connections are refused (destroyed at once) or held (silent) until `resume()`; open ones are untouched. */
  pause(mode?: PauseMode): void;
  /** Accepts and forwards new connections again; held ones are connected to the target now. */
  resume(): void;
  /** While on, bytes from the target are discarded: requests arrive, answers never do. */
  mute(on?: boolean): void;
  /** Cuts everything and stops listening. */
  close(): Promise<void>;
}

/** Options of {@link startTcpProxy}. */
export interface TcpProxyOptions {
  target: { host: string; port: number };
  /** Listening port; default a free one on 127.0.0.1. */
  port?: number;
}

/**
 * Starts a proxy on 127.0.0.1 forwarding to `target`.
 * @example
 * const proxy = await startTcpProxy({ target: { host: "127.0.0.1", port: 5432 } });
 * const pool = new pg.Pool({ connectionString: proxy.url(process.env.DATABASE_URL) });
 * proxy.cut(); // every pooled connection dies at once
 */
export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const { target } = options;
  /** Every socket of the proxy, client and upstream sides. */
  const open = new Set<Socket>();
  const clients = new Set<Socket>();
  const held = new Set<Socket>();
  let paused: PauseMode | undefined;
  let muted = false;

  const track = (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  const forward = (client: Socket) => {
    const upstream = createConnection({ host: target.host, port: target.port });
    track(upstream);
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.on("data", (data) => {
      if (!upstream.write(data)) client.pause();
    });
    upstream.on("drain", () => client.resume());
    upstream.on("data", (data) => {
      if (muted) return;
      if (!client.write(data)) upstream.pause();
    });
    client.on("drain", () => upstream.resume());
    // One side gone: the other goes too (a proxy has no half-open connections to keep).
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
    client.resume();
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    clients.add(client);
    client.once("close", () => clients.delete(client));
    if (paused === "refuse") {
      client.resetAndDestroy();
    } else if (paused === "hold") {
      held.add(client);
      client.once("close", () => held.delete(client));
    } else {
      forward(client);
    }
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;

  const cut = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    clients.clear();
    held.clear();
  };

  return {
    host: "127.0.0.1",
    port,
    get connections() {
      return clients.size;
    },
    url(base: string) {
      const u = new URL(base);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    cut,
    pause(mode: PauseMode = "refuse") {
      paused = mode;
    },
    resume() {
      paused = undefined;
      for (const client of held) forward(client);
      held.clear();
    },
    mute(on = true) {
      muted = on;
    },
    async close() {
      cut();
      const closed = once(server, "close");
      server.close();
      await closed;
    },
  };
}
