import { type Dispatcher, request } from "undici";
import { PaymentsAbortError, PaymentsProviderError, PaymentsTimeoutError } from "../errors.js";

/** One HTTP exchange with a provider. */
export interface ProviderCall {
  provider: string;
  /** Names the operation in errors, e.g. `"requestPayment"`. */
  operation: string;
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** The answer, whatever its status: the caller decides what a 404 or a 409 means. */
export interface ProviderAnswer {
  status: number;
  text: string;
}

/**
 * Sends one request through undici with a whole-exchange time limit. A timeout becomes
 * {@link PaymentsTimeoutError} (the provider may have recorded the request); a refused connection or a reset
 * becomes a retryable {@link PaymentsProviderError} with status 0; the caller's signal firing becomes
 * {@link PaymentsAbortError} (the request may have reached the provider all the same). Headers are never copied into an error,
 * so keys and tokens cannot leak.
 */
export async function callProvider(dispatcher: Dispatcher, call: ProviderCall): Promise<ProviderAnswer> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
  try {
    const res = await request(call.url, {
      dispatcher,
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal,
    });
    const text = await res.body.text();
    return { status: res.statusCode, text };
  } catch (error) {
    if (call.signal?.aborted) throw new PaymentsAbortError(call.operation, call.signal.reason, call.provider);
    if (timeout.aborted) throw new PaymentsTimeoutError(call.provider, call.operation, call.timeoutMs, error);
    const code = (error as { code?: unknown }).code;
    throw new PaymentsProviderError(
      {
        provider: call.provider,
        status: 0,
        providerCode: "NETWORK",
        message: `${call.operation} failed without an answer (${typeof code === "string" ? code : "network error"})`,
        retryable: true,
      },
      { cause: error },
    );
  }
}

/** Parses a JSON answer; `undefined` for an empty or unreadable body. */
export function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The object at `key` of `value` when both are objects. */
export function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** `value` when it is a non-empty string (numbers as their decimal string), else `undefined`. */
export function text(value: unknown): string | undefined {
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}
