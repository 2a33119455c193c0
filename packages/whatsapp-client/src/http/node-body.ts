import type { IncomingMessage } from "node:http";

/** What reading a Node request body gave. */
export type NodeBody =
  | { kind: "body"; bytes: Uint8Array }
  /** Over the limit: answer 413 with `connection: close`; the rest of the body is drained. */
  | { kind: "too_large" }
  /** A JSON body parser ran first and kept no raw bytes: a signature over them cannot be checked. */
  | { kind: "consumed" }
  | { kind: "error"; error: unknown };

/**
 * Reads the raw bytes of a Node request at most once, capped at `maxBytes`.
 * Express/Fastify users who kept the raw body (`express.raw()`, a `verify`
 * callback storing `req.rawBody`, a rawBody plugin) have it taken as is,
 * because signatures are computed over the bytes exactly as sent.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number, done: (result: NodeBody) => void): void {
  const framework = req as IncomingMessage & { rawBody?: unknown; body?: unknown };
  const kept = framework.rawBody instanceof Uint8Array ? framework.rawBody : framework.body;
  if (kept instanceof Uint8Array) {
    done(kept.byteLength > maxBytes ? { kind: "too_large" } : { kind: "body", bytes: kept });
    return;
  }
  if (req.readableEnded) {
    done({ kind: "consumed" });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (result: NodeBody) => {
    if (finished) return;
    finished = true;
    done(result);
  };
  req.on("data", (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > maxBytes) {
      finish({ kind: "too_large" });
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => finish({ kind: "body", bytes: Buffer.concat(chunks, size) }));
  req.on("error", (error) => finish({ kind: "error", error }));
}
