import type { Dispatcher, FormData } from "undici";
import {
  WhatsAppAbortError,
  WhatsAppApiError,
  WhatsAppError,
  WhatsAppNetworkError,
  WhatsAppTimeoutError,
} from "../errors.js";
import type { Logger } from "../logger.js";
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
    body: parsed,
  });
}

/** The abort reason of the attempt timer; never surfaces (mapped to WhatsAppTimeoutError). */
const TIMED_OUT = new Error("attempt timed out");

/**
 * Failures that happen before a byte of the request is written (connecting,
 * resolving the name, a closed pool): resending cannot duplicate anything.
 * Anything else without an answer (reset, socket closed, timeout) may come
 * after Graph received the request.
 */
const NOTHING_SENT: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NODATA",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_DESTROYED",
  "UND_ERR_CLOSED",
]);

/** A 2xx whose body is not JSON: a proxy or captive portal answered, not Graph. Retryable; never a message id. */
function notJson(status: number, contentType: string | string[] | undefined, cause: unknown): WhatsAppApiError {
  const type = (Array.isArray(contentType) ? contentType[0] : contentType) ?? "none";
  return new WhatsAppApiError(
    {
      status,
      code: 0,
      message: `HTTP ${status} answer is not JSON (content-type: ${type.split(";")[0]}): a proxy or captive portal answered, not the Graph API`,
      retryable: true,
    },
    { cause },
  );
}

/**
 * HTTP over an undici dispatcher: bearer auth, JSON, a whole-attempt timeout,
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

  /**
   * Sends a Graph request under `prefix` and returns the parsed JSON answer,
   * retrying what can be retried. `idempotent` (default: any method but POST)
   * says a repeat cannot duplicate an effect, so ambiguous failures are retried.
   */
  async call<T>(
    method: Dispatcher.HttpMethod,
    path: string,
    body: Body,
    options: CallOptions = {},
    idempotent: boolean = method !== "POST",
  ): Promise<T> {
    const { retry, logger } = this.#config;
    const resend = idempotent || retry.retryAmbiguous;
    const timeoutMs = options.timeoutMs ?? this.#config.timeoutMs;
    const deadline = retry.maxElapsedMs === undefined ? undefined : Date.now() + retry.maxElapsedMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const budget = deadline === undefined ? timeoutMs : Math.min(timeoutMs, Math.max(1, deadline - Date.now()));
        return (await this.#once(method, this.prefix + path, body, options, budget, resend)) as T;
      } catch (error) {
        const retryable = WhatsAppError.isInstance(error) && error.retryable;
        const retryAfter = WhatsAppApiError.isInstance(error) ? error.retryAfterMs : undefined;
        const tooLong = retryAfter !== undefined && retryAfter > retry.maxDelayMs;
        const delayMs = backoffDelay(attempt, retry, retryAfter);
        const pastDeadline = deadline !== undefined && Date.now() + delayMs >= deadline;
        if (!retryable || attempt >= retry.maxRetries || tooLong || pastDeadline || options.signal?.aborted) {
          if (error && typeof error === "object" && "attempts" in error) {
            (error as { attempts: number }).attempts = attempt + 1;
          }
          throw error;
        }
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

  async #once(
    method: Dispatcher.HttpMethod,
    path: string,
    body: Body,
    options: CallOptions,
    timeoutMs: number,
    resend: boolean,
  ): Promise<unknown> {
    const signal = options.signal;
    if (signal?.aborted) throw new WhatsAppAbortError(signal.reason);
    // One timer bounds the whole attempt (waiting for a connection, headers
    // and body together); undici's headersTimeout/bodyTimeout on the Agent
    // only bound each gap. The caller's signal is forwarded to the same
    // controller, so a request carries a single signal.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(TIMED_OUT);
    }, timeoutMs);
    timer.unref();
    const forward = signal ? () => controller.abort(signal.reason) : undefined;
    if (signal && forward) signal.addEventListener("abort", forward, { once: true });
    try {
      // A longer per-call limit must not be cut short by the Agent's own gap timeouts.
      const longer = options.timeoutMs !== undefined && options.timeoutMs > this.#config.timeoutMs;
      const response = await this.#config.dispatcher.request({
        origin: this.origin,
        path,
        method,
        headers:
          typeof body === "string" || body === undefined ? this.#jsonHeaders : { authorization: this.authHeader() },
        body,
        signal: controller.signal,
        ...(longer || !this.#config.dispatcherHasTimeouts ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
      });
      const text = await response.body.text();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        if (text === "") return {};
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw notJson(response.statusCode, response.headers["content-type"], error);
        }
        if (typeof parsed !== "object" || parsed === null) {
          throw notJson(response.statusCode, response.headers["content-type"], undefined);
        }
        return parsed;
      }
      throw apiErrorFrom(response.statusCode, text, response.headers["retry-after"]);
    } catch (error) {
      if (WhatsAppError.isInstance(error)) throw error;
      if (signal?.aborted) throw new WhatsAppAbortError(signal.reason);
      const code = (error as { code?: unknown })?.code;
      if (timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
        throw new WhatsAppTimeoutError(timeoutMs, { ambiguous: true, retryable: resend, cause: error });
      }
      const before = typeof code === "string" && NOTHING_SENT.has(code);
      throw new WhatsAppNetworkError(
        `WhatsApp request failed: ${typeof code === "string" ? code : "network error"}${before ? "" : "; WhatsApp may have processed it"}`,
        error,
        { ambiguous: !before, retryable: before || resend },
      );
    } finally {
      clearTimeout(timer);
      if (signal && forward) signal.removeEventListener("abort", forward);
    }
  }
}
