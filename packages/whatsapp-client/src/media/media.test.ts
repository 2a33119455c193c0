import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WhatsAppClient } from "../client/whatsapp-client.js";
import { WhatsAppAbortError, WhatsAppApiError, WhatsAppTimeoutError, WhatsAppValidationError } from "../errors.js";
import { type GraphServer, json, startGraphServer } from "../test-support/graph-server.js";
import { isAnimatedWebp } from "./limits.js";

const TOKEN = "media-token";
let server: GraphServer;
let wa: WhatsAppClient;

beforeAll(async () => {
  server = await startGraphServer();
  wa = new WhatsAppClient({
    accessToken: TOKEN,
    phoneNumberId: "555",
    baseUrl: server.url,
    retry: { maxRetries: 1, baseDelayMs: 1 },
  });
});
afterAll(async () => {
  await wa.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.queue.length = 0;
});

function webp(animated: boolean, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode("RIFF"), 0);
  bytes.set(new TextEncoder().encode("WEBPVP8X"), 8);
  bytes[20] = animated ? 0x02 : 0;
  return bytes;
}

const invalid = async (p: Promise<unknown>, field: string, rule: RegExp) => {
  const e = (await p.catch((x: unknown) => x)) as WhatsAppValidationError;
  expect(WhatsAppValidationError.isInstance(e)).toBe(true);
  expect(e.field).toBe(field);
  expect(e.rule).toMatch(rule);
};

describe("media", () => {
  it("uploads a file as multipart with messaging_product and type", async () => {
    server.queue.push(json(200, { id: "MEDIA-1" }));
    const data = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    await expect(wa.uploadMedia({ data, mimeType: "image/jpeg", filename: "colis.jpg" })).resolves.toEqual({
      id: "MEDIA-1",
      kind: "image",
    });
    const req = server.requests[0];
    expect(req?.url).toBe("/v23.0/555/media");
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const form = await new Response(req?.body, {
      headers: { "content-type": String(req?.headers["content-type"]) },
    }).formData();
    expect(form.get("messaging_product")).toBe("whatsapp");
    expect(form.get("type")).toBe("image/jpeg");
    const file = form.get("file") as File;
    expect(file.name).toBe("colis.jpg");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(data);
  });

  it("checks MIME type and size before any request", async () => {
    await invalid(
      wa.uploadMedia({ data: new Uint8Array(10), mimeType: "image/gif" }),
      "file.mimeType",
      /unsupported type image\/gif/,
    );
    await invalid(
      wa.uploadMedia({ data: new Uint8Array(5 * 1024 * 1024 + 1), mimeType: "image/png" }),
      "file.data",
      /at most 5 MB/,
    );
    await invalid(
      wa.uploadMedia({ data: new Blob([new Uint8Array(16 * 1024 * 1024 + 1)]), mimeType: "video/mp4" }),
      "file.data",
      /16 MB/,
    );
    await invalid(
      wa.uploadMedia({ data: new Uint8Array(16 * 1024 * 1024 + 1), mimeType: "audio/ogg" }),
      "file.data",
      /16 MB/,
    );
    await invalid(wa.uploadMedia({ data: webp(false, 100 * 1024 + 1), mimeType: "image/webp" }), "file.data", /100 KB/);
    await invalid(wa.uploadMedia({ data: webp(true, 500 * 1024 + 1), mimeType: "image/webp" }), "file.data", /500 KB/);
    await invalid(wa.uploadMedia({ data: new Uint8Array(0), mimeType: "application/pdf" }), "file.data", /empty/);
    expect(server.requests).toHaveLength(0);
    server.queue.push(json(200, { id: "STK" }));
    await expect(wa.uploadMedia({ data: webp(true, 300 * 1024), mimeType: "image/webp" })).resolves.toMatchObject({
      kind: "sticker",
    });
    expect(isAnimatedWebp(webp(true, 32))).toBe(true);
    expect(isAnimatedWebp(webp(false, 32))).toBe(false);
  });

  it("gets the media URL and downloads it as a stream with the bearer token", async () => {
    const content = Buffer.from("%PDF-1.7 facture");
    server.queue.push(
      json(200, {
        messaging_product: "whatsapp",
        url: `${server.url}/lookaside/doc?mid=1`,
        mime_type: "application/pdf",
        sha256: "abc",
        file_size: content.length,
        id: "DOC-1",
      }),
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/pdf", "content-length": String(content.length) });
        res.end(content);
      },
    );
    const download = await wa.downloadMedia("DOC-1");
    expect(download.mimeType).toBe("application/pdf");
    expect(download.size).toBe(content.length);
    expect(download.stream).toBeInstanceOf(Readable);
    const chunks: Buffer[] = [];
    for await (const c of download.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(content);
    expect(server.requests.map((r) => r.url)).toEqual(["/v23.0/DOC-1?phone_number_id=555", "/lookaside/doc?mid=1"]);
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("never sends the token to a host that is not Meta's", async () => {
    await invalid(wa.downloadMedia("https://evil.example/steal"), "url", /Meta media URL/);
    await invalid(wa.downloadMedia("http://lookaside.fbsbx.com/x"), "url", /Meta media URL/);
    expect(server.requests).toHaveLength(0);
  });

  it("maps media errors and deletes media", async () => {
    server.queue.push(
      json(404, {
        error: {
          message: "Unsupported get request",
          code: 100,
          error_subcode: 33,
          type: "GraphMethodException",
          fbtrace_id: "T",
        },
      }),
    );
    const e = await wa.getMediaUrl("NOPE").catch((x: unknown) => x);
    expect(WhatsAppApiError.isInstance(e) && e.subcode).toBe(33);
    server.queue.push(json(200, { success: true }));
    await expect(wa.deleteMedia("MEDIA-1")).resolves.toEqual({ success: true });
    expect(server.requests.at(-1)).toMatchObject({ method: "DELETE", url: "/v23.0/MEDIA-1?phone_number_id=555" });
    await invalid(wa.deleteMedia("../../etc"), "mediaId", /media id/);
  });
});

describe("media download failures", () => {
  it("times out a download whose headers never come, and aborts on signal", async () => {
    const slow = new WhatsAppClient({ accessToken: TOKEN, phoneNumberId: "555", baseUrl: server.url, timeoutMs: 50 });
    server.queue.push(() => {});
    const e = await slow.downloadMedia(`${server.url}/lookaside/slow`).catch((x: unknown) => x);
    expect(WhatsAppTimeoutError.isInstance(e)).toBe(true);
    server.queue.push(() => {});
    const controller = new AbortController();
    const pending = wa.downloadMedia(`${server.url}/lookaside/slow2`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(WhatsAppAbortError.isInstance(await pending.catch((x: unknown) => x))).toBe(true);
    await slow.close();
  });

  it("maps an expired media URL (404) to WhatsAppApiError", async () => {
    // Answered by URL, not from the queue: the aborted request of the test above may reach the server late.
    const fallback = server.fallback;
    const expired = json(404, { error: { message: "expired", code: 100, type: "x" } });
    server.fallback = (req, res) => (req.url.includes("expired") ? expired : fallback)(req, res);
    const e = await wa.downloadMedia(`${server.url}/lookaside/expired`).catch((x: unknown) => x);
    server.fallback = fallback;
    expect(WhatsAppApiError.isInstance(e) && e.status).toBe(404);
  });
});
