import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type GraphStandIn, startGraphStandIn } from "./graph-stand-in.ts";
import { createMetaSender, DeliveryNotAcknowledgedError } from "./meta-sender.ts";
import { createWebhookSigner } from "./webhook-signer.ts";

describe("graph stand-in faults", () => {
  let graph: GraphStandIn;
  const headers = { authorization: "Bearer tok", "content-type": "application/json" };
  const send = (to: string, signal?: AbortSignal) =>
    fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ messaging_product: "whatsapp", to, type: "text", text: { body: "x" } }),
      ...(signal ? { signal } : {}),
    });
  const read = () =>
    fetch(`${graph.url}/v23.0/555/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ messaging_product: "whatsapp", status: "read", message_id: "wamid.R" }),
    });
  const sentTo = (to: string) => graph.messages.filter((m) => m.to === to).length;

  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: "tok", phoneNumberId: "555" });
  });
  afterEach(() => graph.setFault(undefined));
  afterAll(() => graph.close());

  it("error: answers the Graph error with Retry-After until cleared, records nothing", async () => {
    graph.setFault({ kind: "error", status: 429, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const res = await send("1001");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3");
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(130429);
    }
    graph.setFault({ kind: "error", status: 500 });
    const plain = await send("1001");
    expect(plain.status).toBe(500);
    expect(plain.headers.get("retry-after")).toBeNull();
    expect(sentTo("1001")).toBe(0);
    graph.setFault(undefined);
    expect((await send("1001")).status).toBe(200);
    expect(sentTo("1001")).toBe(1);
    expect(graph.attempts.filter((a) => a.to === "1001").map((a) => a.outcome)).toEqual([
      "error",
      "error",
      "error",
      "sent",
    ]);
  });

  it("hang: never answers and records nothing; clearing drops the hung connections", async () => {
    graph.setFault({ kind: "hang" });
    const pending = send("1002").then(
      (res) => res.status,
      () => "dropped",
    );
    await expect.poll(() => graph.hanging).toBe(1);
    expect(graph.attempts.at(-1)).toMatchObject({ to: "1002", outcome: "hang" });
    expect(sentTo("1002")).toBe(0);
    graph.setFault(undefined);
    expect(await pending).toBe("dropped");
    expect(graph.hanging).toBe(0);
    expect((await send("1002")).status).toBe(200);
    expect(sentTo("1002")).toBe(1);
  });

  it("hang: a client that gives up leaves nothing recorded", async () => {
    graph.setFault({ kind: "hang" });
    await expect(send("1003", AbortSignal.timeout(100))).rejects.toThrow();
    expect(sentTo("1003")).toBe(0);
  });

  it("html: 200 with a page that is not JSON, records nothing", async () => {
    graph.setFault({ kind: "html" });
    const res = await send("1004");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<html>/);
    expect(sentTo("1004")).toBe(0);
    expect(graph.attempts.at(-1)?.outcome).toBe("html");
  });

  it("slow: records the message at once and answers late (the ambiguous case)", async () => {
    graph.setFault({ kind: "slow", ms: 300 });
    const started = performance.now();
    const res = await send("1005");
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(res.status).toBe(200);
    expect(sentTo("1005")).toBe(1);
    // A client that gave up before the answer: the message went out all the same.
    await expect(send("1005", AbortSignal.timeout(50))).rejects.toThrow();
    expect(sentTo("1005")).toBe(2);
    expect(graph.attempts.filter((a) => a.to === "1005").map((a) => a.outcome)).toEqual(["slow", "slow"]);
  });

  it('only: "sends" lets mark-as-read through', async () => {
    graph.setFault({ kind: "error", status: 503, only: "sends" });
    expect((await read()).status).toBe(200);
    expect((await send("1006")).status).toBe(503);
    graph.setFault({ kind: "error", status: 503 });
    expect((await read()).status).toBe(503);
    expect(graph.attempts.filter((a) => a.kind === "read").map((a) => a.outcome)).toEqual(["sent", "error"]);
  });

  it("failNext still comes first, then the lasting fault", async () => {
    graph.setFault({ kind: "html" });
    graph.failNext(1, 500);
    expect((await send("1007")).status).toBe(500);
    expect((await send("1007")).headers.get("content-type")).toMatch(/html/);
  });

  it("close() ends hung requests", async () => {
    const other = await startGraphStandIn({ accessToken: "tok" });
    other.setFault({ kind: "hang" });
    const pending = fetch(`${other.url}/v23.0/1/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ messaging_product: "whatsapp", to: "1", type: "text", text: { body: "x" } }),
    }).then(
      () => "answered",
      () => "dropped",
    );
    await expect.poll(() => other.hanging).toBe(1);
    await other.close();
    expect(await pending).toBe("dropped");
  });
});

describe("Meta-like webhook sender", () => {
  let server: Server;
  let url = "";
  /** Answers to give, in order; 200 once they run out. */
  let script: number[] = [];
  const seen: { at: number; signature: string | undefined; body: string }[] = [];
  const signer = createWebhookSigner({ appSecret: "s3cret", phoneNumberId: "555" });

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const signature = req.headers["x-hub-signature-256"];
      seen.push({
        at: performance.now(),
        signature: Array.isArray(signature) ? signature[0] : signature,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(script.shift() ?? 200).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  });
  afterEach(() => {
    script = [];
    seen.length = 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("redelivers the same signed bytes with doubling waits until a 2xx, and counts it", async () => {
    script = [503, 503, 500];
    const sender = createMetaSender({ url, initialDelayMs: 40, maxDelayMs: 1_000 });
    const delivery = signer.text({ from: "242061234567" }, "Bonjour");
    const report = await sender.deliver(delivery);
    expect(report).toMatchObject({ status: 200, attempts: 4, answers: [503, 503, 500, 200] });
    expect(sender.redeliveries).toBe(3);
    expect(sender.acknowledged).toBe(1);
    expect(sender.failures).toEqual({ "500": 1, "503": 2 });
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set([delivery.body]));
    expect(new Set(seen.map((s) => s.signature))).toEqual(new Set([delivery.headers["x-hub-signature-256"]]));
    const gaps = seen.slice(1).map((s, i) => s.at - (seen[i]?.at ?? 0));
    // 40, 80, 160 ms: each wait at least the one before it, doubled (timers may only run late).
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(155);
  });

  it("signs an unsigned body with the app secret, as Meta does", async () => {
    const sender = createMetaSender({ url, appSecret: "s3cret" });
    const signed = signer.text({ from: "1" }, "x");
    await sender.deliver(signed.body);
    expect(seen[0]?.signature).toBe(signed.headers["x-hub-signature-256"]);
    await expect(createMetaSender({ url }).deliver("{}")).rejects.toThrow(/appSecret/);
  });

  it("gives up past maxElapsedMs, and on close()", async () => {
    script = Array.from({ length: 100 }, () => 503);
    const sender = createMetaSender({ url, initialDelayMs: 20, maxDelayMs: 40, maxElapsedMs: 200 });
    const error = await sender.deliver(signer.text({ from: "1" }, "x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryNotAcknowledgedError);
    expect((error as DeliveryNotAcknowledgedError).answers.length).toBeGreaterThan(2);

    const closing = createMetaSender({ url, initialDelayMs: 10_000 });
    const pending = closing.deliver(signer.text({ from: "1" }, "x")).catch((e: unknown) => e);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    closing.close();
    expect(await pending).toBeInstanceOf(DeliveryNotAcknowledgedError);
    expect(closing.pending).toBe(0);
  });

  it("counts a connection failure as a failed attempt", async () => {
    const sender = createMetaSender({ url: "http://127.0.0.1:1/webhook", initialDelayMs: 10, maxElapsedMs: 50 });
    const error = (await sender.deliver(signer.text({ from: "1" }, "x")).catch((e: unknown) => e)) as {
      answers: unknown[];
    };
    expect(error.answers[0]).toBe("error");
    expect(sender.failures.error).toBeGreaterThan(0);
  });
});
