import type { IncomingMessage } from "node:http";
import type { z } from "zod";

/** Largest JSON body a route reads: an offer and a thousand recipients fit many times over. */
const MAX_BODY_BYTES = 64 * 1024;

/** A body that could not be used, naming the field (`body`, or `body.<path>`). */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Reads the request's JSON and validates it; an empty body is `undefined` (the schema decides). */
export async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<BodyResult<z.output<S>>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Stop reading at once: a huge body must not be buffered to be refused.
    if (size > MAX_BODY_BYTES) return { ok: false, field: "body", message: `body: at most ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk);
  }
  let raw: unknown;
  try {
    raw = size === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return { ok: false, field: "body", message: "body: must be JSON" };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.code === "unrecognized_keys" ? [issue.keys[0] ?? ""] : (issue?.path ?? []);
  const field = ["body", ...path.map(String)].filter(Boolean).join(".");
  const message = issue === undefined ? "invalid" : raw === undefined ? "required (a JSON object)" : issue.message;
  return { ok: false, field, message: `${field}: ${message}` };
}
