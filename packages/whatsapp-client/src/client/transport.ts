import type { Dispatcher, FormData } from "undici";
import {
  WhatsAppAbortError,
  WhatsAppApiError,
  WhatsAppError,
  WhatsAppNetworkError,
  WhatsAppTimeoutError,
} from "../errors.js";
import type { Logger } from "./logger.js";
import { backoffDelay, parseRetryAfter, type ResolvedRetry, sleep } from "./retry.js";

/** Per-call options of the transport. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export interface TransportConfig {
  baseUrl: string;
  apiVersion: string;
  accessToken: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** True when the dispatcher was built with `timeoutMs` as its header and body timeouts. */
  dispatcherHasTimeouts: boolean;
  retry: ResolvedRetry;
  logger: Logger;
}

type Body = string | FormData | undefined;

interface GraphErrorBody {
  error?: {
    message?: unknown;
    type?: unknown;
    code?: unknown;
    error_subcode?: unknown;
    fbtrace_id?: unknown;
    error_data?: { details?: unknown };
  };
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Builds the typed error of a non-2xx answer; never copies request headers, so the token cannot leak. */
export function apiErrorFrom(
  status: number,
  text: string,
  retryAfter: string | string[] | undefined,
): WhatsAppApiError {
  let parsed: GraphErrorBody | undefined;
  try {
    parsed = JSON.parse(text) as GraphErrorBody;
  } catch {
    parsed = undefined;
  }
  const e = parsed && typeof parsed === "object" ? parsed.error : undefined;
  return new WhatsAppApiError({
    status,
    code: num(e?.code) ?? 0,
    subcode: num(e?.error_subcode),
    type: str(e?.type),
    fbtraceId: str(e?.fbtrace_id),
    details: str(e?.error_data?.details),
    message: str(e?.message) ?? `HTTP ${status} without a Graph error body`,
    retryAfterMs: parseRetryAfter(retryAfter),
  });
}

/**
 * HTTP over an undici dispatcher: bearer auth, JSON, per-attempt timeout,
 * abort, and retries with backoff. The token lives in a private field so it
 * is never enumerated, logged or serialised with the client.
 */
export class Transport {
  readonly #token: string;
  readonly #jsonHeaders: Record<string, string>;
  readonly #config: TransportConfig;
  /** `scheme://host:port` of the Graph API. */
  readonly origin: string;
  /** Path prefix including the API version, e.g. `/v23.0`. */
  readonly prefix: string;

  constructor(config: TransportConfig) {
    const url = new URL(config.baseUrl);
    this.origin = url.origin;
    this.prefix = `${url.pathname.replace(/\/+$/, "")}/${config.apiVersion}`;
    this.#token = config.accessToken;
    this.#config = config;
    this.#jsonHeaders = {
      authorization: `Bearer ${config.accessToken}`,
      "content-type": "application/json",
      "user-agent": "toktok-whatsapp-client",
    };
  }

  /** The bearer header, for the media download which talks to another host. */
  authHeader(): string {
    return `Bearer ${this.#token}`;
  }

  /** The client's per-attempt timeout. */
  get timeoutMs(): number {
    return this.#config.timeoutMs;
  }

  get dispatcher(): Dispatcher {
    return this.#config.dispatcher;
  }

  /** Sends a Graph request under `prefix` and returns the parsed JSON answer, retrying what can be retried. */
  async call<T>(method: Dispatcher.HttpMethod, path: string, body: Body, options: CallOptions = {}): Promise<T> {
    const { retry, logger } = this.#config;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.#once(method, this.prefix + path, body, options)) as T;
      } catch (error) {
        const retryable = WhatsAppError.isInstance(error) && error.retryable;
        const retryAfter = WhatsAppApiError.isInstance(error) ? error.retryAfterMs : undefined;
        const tooLong = retryAfter !== undefined && retryAfter > retry.maxDelayMs;
        if (!retryable || attempt >= retry.maxRetries || tooLong || options.signal?.aborted) {
          if (error && typeof error === "object" && "attempts" in error) {
            (error as { attempts: number }).attempts = attempt + 1;
          }
          throw error;
        }
        const delayMs = backoffDelay(attempt, retry, retryAfter);
        logger.warn("whatsapp request failed, retrying", {
          method,
          path,
          attempt: attempt + 1,
          delayMs,
          code: (error as WhatsAppError).code,
          status: WhatsAppApiError.isInstance(error) ? error.status : undefined,
        });
        await sleep(delayMs, options.signal);
      }
    }
  }

  async #once(method: Dispatcher.HttpMethod, path: string, body: Body, options: CallOptions): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.#config.timeoutMs;
    const signal = options.signal;
    if (signal?.aborted) throw new WhatsAppAbortError(signal.reason);
    try {
      // undici's own header and body timeouts: no AbortController or extra
      // timer per request. When the client built the Agent they are set once on
      // it, and a request carries them only when the call overrides timeoutMs.
      const perRequest = options.timeoutMs !== undefined || !this.#config.dispatcherHasTimeouts;
      const response = await this.#config.dispatcher.request({
        origin: this.origin,
        path,
        method,
        headers:
          typeof body === "string" || body === undefined ? this.#jsonHeaders : { authorization: this.authHeader() },
        body,
        signal,
        ...(perRequest ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
      });
      const text = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return text === "" ? {} : JSON.parse(text);
      }
      throw apiErrorFrom(response.statusCode, text, response.headers["retry-after"]);
    } catch (error) {
      if (WhatsAppError.isInstance(error)) throw error;
      if (signal?.aborted) throw new WhatsAppAbortError(signal.reason);
      const code = (error as { code?: unknown })?.code;
      if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT")
        throw new WhatsAppTimeoutError(timeoutMs);
      if (error instanceof SyntaxError) {
        // Not retried: the request may have been processed, and a resend could duplicate a message.
        throw new WhatsAppError("WhatsApp API answered a body that is not JSON", "INVALID_RESPONSE", { cause: error });
      }
      throw new WhatsAppNetworkError(
        `WhatsApp request failed: ${typeof code === "string" ? code : "network error"}`,
        error,
      );
    }
  }
}
