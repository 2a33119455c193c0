import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";

/** An echo server that also records what it received. */
let echo: Server;
let echoPort = 0;
const received: string[] = [];

beforeAll(async () => {
  echo = createServer((socket) => {
    socket.on("data", (d) => {
      received.push(d.toString());
      socket.write(d);
    });
    socket.on("error", () => {});
  });
  echo.listen(0, "127.0.0.1");
  await once(echo, "listening");
  echoPort = (echo.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

/** Connects to the proxy; resolves with the socket and a reader of what came back. */
async function client(proxy: TcpProxy) {
  const socket = connect({ host: proxy.host, port: proxy.port });
  let got = "";
  let closed = false;
  socket.on("data", (d) => {
    got += d.toString();
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
  });
  await once(socket, "connect");
  return { socket: socket as Socket, got: () => got, closed: () => closed };
}

describe("startTcpProxy", () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy({ target: { host: "127.0.0.1", port: echoPort } });
  });
  afterAll(() => proxy.close());

  it("forwards both ways and rewrites a URL to point at itself", async () => {
    expect(proxy.port).not.toBe(echoPort);
    const c = await client(proxy);
    c.socket.write("ping");
    await expect.poll(c.got).toBe("ping");
    expect(proxy.connections).toBe(1);
    expect(proxy.url("postgres://root:pw@db.example:5432/test?sslmode=disable")).toBe(
      `postgres://root:pw@127.0.0.1:${proxy.port}/test?sslmode=disable`,
    );
    c.socket.destroy();
    await expect.poll(() => proxy.connections).toBe(0);
  });

  it("cut() kills every open connection; new ones still work", async () => {
    const a = await client(proxy);
    const b = await client(proxy);
    proxy.cut();
    await expect.poll(() => a.closed() && b.closed()).toBe(true);
    const c = await client(proxy);
    c.socket.write("again");
    await expect.poll(c.got).toBe("again");
    c.socket.destroy();
  });

  it("pause() refuses new connections, leaves open ones alone, resume() accepts again", async () => {
    const open = await client(proxy);
    proxy.pause();
    const refused = connect({ host: proxy.host, port: proxy.port });
    const [error] = (await once(refused, "error")) as [NodeJS.ErrnoException];
    expect(error.code).toBe("ECONNRESET");
    open.socket.write("still");
    await expect.poll(open.got).toBe("still");
    proxy.resume();
    const c = await client(proxy);
    c.socket.write("back");
    await expect.poll(c.got).toBe("back");
    open.socket.destroy();
    c.socket.destroy();
  });

  it('pause("hold") keeps new connections silent, then forwards what they sent on resume()', async () => {
    proxy.pause("hold");
    const c = await client(proxy);
    c.socket.write("held");
    await sleep(100);
    expect(c.got()).toBe("");
    expect(c.closed()).toBe(false);
    proxy.resume();
    await expect.poll(c.got).toBe("held");
    c.socket.destroy();
  });

  it("mute() lets requests reach the target but drops its answers", async () => {
    const c = await client(proxy);
    proxy.mute();
    c.socket.write("lost-answer");
    await expect.poll(() => received.includes("lost-answer")).toBe(true);
    await sleep(50);
    expect(c.got()).toBe("");
    proxy.mute(false);
    c.socket.write("heard");
    await expect.poll(c.got).toBe("heard");
    c.socket.destroy();
  });
});
