import type { ServerResponse } from "node:http";
import type { ApiErrorCode } from "./error-codes.ts";

/** Headers every API answer carries: data is per-operator, never stored by browsers or proxies. */
const API_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

/** Writes a text answer (CSV, HTML report) with the given content type. */
export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...API_HEADERS,
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

/** Writes a binary answer (an Excel or PDF export). */
export function sendBytes(
  res: ServerResponse,
  contentType: string,
  body: Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, { ...API_HEADERS, "content-type": contentType, "content-length": body.length, ...headers });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/** Shape of every error body: a stable `error` code and a human `message`; `field` for 400s. */
export interface ApiErrorBody {
  /** One of the codes documented in openapi.yaml (`API_ERROR_CODES`). */
  error: ApiErrorCode;
  message: string;
  field?: string;
}

/** Writes an error answer; never includes data, tokens or stack traces. */
export function sendError(
  res: ServerResponse,
  status: number,
  body: ApiErrorBody,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, headers);
}
