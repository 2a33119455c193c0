import { setTimeout as sleep } from "node:timers/promises";
import { type Dispatcher, request } from "undici";
import type { z } from "zod";
import { BackendError, ConflictError, FlowsAbortError, maskPhone, NotFoundError } from "../errors.js";
import { fieldPath } from "../validate-options.js";

/** Settings of the HTTP transport (resolved by `HttpBackend`). */
export interface TransportSettings {
  baseUrl: string;
  apiKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  dispatcher: Dispatcher | undefined;
}

/** One call. */
export interface Call {
  method: "GET" | "POST" | "PATCH";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string | undefined;
  /** `undefined` instead of NotFoundError on 404. */
  allowNotFound?: boolean;
  /** A POST that changes nothing (a price quote): retried like a read. */
  safe?: boolean;
}

const retryableStatus = new Set([429, 500, 502, 503, 504]);

/**
 * Sends a JSON request with a timeout, and retries network errors, 429 and 5xx with jittered backoff.
 * When the caller's signal fires (before, during or between attempts) it throws a `FlowsAbortError`.
 */
export async function call<T>(settings: TransportSettings, c: Call, schema: z.ZodType<T>): Promise<T | undefined> {
  const url = new URL(
    c.path.replace(/^\//, ""),
    settings.baseUrl.endsWith("/") ? settings.baseUrl : `${settings.baseUrl}/`,
  );
  for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  // A POST is retried only when an idempotency key makes the repeat harmless.
  const canRetry = c.method === "GET" || c.safe === true || c.idempotencyKey !== undefined;
  // Paths can hold phone numbers (users/by-phone/…): errors show them masked.
  const shown = url.pathname.replace(/\d{8,}/g, (digits) => maskPhone(digits));
  const headers: Record<string, string> = { accept: "application/json" };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  if (c.body !== undefined) headers["content-type"] = "application/json";
  if (c.idempotencyKey) headers["idempotency-key"] = c.idempotencyKey;

  const operation = `${c.method} ${shown}`;
  for (let attempt = 0; ; attempt++) {
    FlowsAbortError.throwIfAborted(c.signal, operation);
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signal = c.signal ? AbortSignal.any([c.signal, timeout]) : timeout;
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method: c.method,
        headers,
        ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
        signal,
        ...(settings.dispatcher ? { dispatcher: settings.dispatcher } : {}),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      if (c.signal?.aborted) throw new FlowsAbortError(operation, c.signal.reason);
      const timedOut = timeout.aborted;
      if (canRetry && attempt < settings.maxRetries) {
        await backoff(settings, attempt, c.signal, operation);
        continue;
      }
      throw new BackendError(
        `${c.method} ${shown} ${timedOut ? `timed out after ${settings.timeoutMs} ms` : "failed to connect"}`,
        { cause: err, retryable: true },
      );
    }
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(text === "" ? undefined : JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BackendError(
          `${c.method} ${shown}: unexpected answer at ${fieldPath(issue?.path ?? [], "body")}: ${issue?.message}`,
        );
      }
      return parsed.data;
    }
    if (status === 404 && c.allowNotFound) return undefined;
    if (retryableStatus.has(status) && canRetry && attempt < settings.maxRetries) {
      await backoff(settings, attempt, c.signal, operation);
      continue;
    }
    const message = errorMessage(text) ?? `HTTP ${status}`;
    if (status === 404) throw new NotFoundError("resource", shown);
    if (status === 409) throw new ConflictError(message);
    throw new BackendError(`${c.method} ${shown}: ${message}`, {
      status,
      retryable: retryableStatus.has(status),
    });
  }
}

function errorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof body.error?.message === "string" ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}

async function backoff(
  settings: TransportSettings,
  attempt: number,
  signal: AbortSignal | undefined,
  operation: string,
): Promise<void> {
  const delay = settings.baseDelayMs * 2 ** attempt;
  try {
    await sleep(delay / 2 + Math.random() * (delay / 2), undefined, { ref: false, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (signal?.aborted) throw new FlowsAbortError(operation, signal.reason);
    throw err;
  }
}
