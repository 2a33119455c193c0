import type { Dispatcher } from "undici";
import { callProvider, type ProviderAnswer } from "./call.js";
import { type IssuedToken, TokenCache } from "./token-cache.js";

/** One request of a client, without the parts every request shares. */
export interface ClientRequest {
  operation: string;
  method: "GET" | "POST";
  /** Path below the base URL, e.g. `/collection/v1_0/requesttopay`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
}

/** What a provider client gives its HTTP side. */
export interface ProviderHttpOptions {
  provider: string;
  baseUrl: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  tokenRefreshMarginMs: number;
  /** Asks the provider for a token, through {@link ProviderHttp.send}. */
  fetchToken: (http: ProviderHttp) => Promise<IssuedToken>;
}

/**
 * The HTTP side both clients share: the base URL, the time limit, and the access token — cached, fetched
 * once for concurrent callers, and on a 401 dropped and fetched again for one more attempt (a 401 means the
 * request was not processed, so the retry cannot double anything).
 */
export class ProviderHttp {
  readonly #options: ProviderHttpOptions;
  readonly #tokens: TokenCache;

  constructor(options: ProviderHttpOptions) {
    this.#options = options;
    this.#tokens = new TokenCache({
      fetch: () => options.fetchToken(this),
      refreshMarginMs: options.tokenRefreshMarginMs,
      now: Date.now,
    });
  }

  /** Sends without a token (the token request itself). */
  send(request: ClientRequest): Promise<ProviderAnswer> {
    return callProvider(this.#options.dispatcher, {
      provider: this.#options.provider,
      operation: request.operation,
      method: request.method,
      url: `${this.#options.baseUrl}${request.path}`,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      timeoutMs: this.#options.timeoutMs,
      signal: request.signal,
    });
  }

  /** Sends with `Authorization: Bearer <token>`. */
  async authorized(request: ClientRequest): Promise<ProviderAnswer> {
    const withToken = (token: string) =>
      this.send({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
    const token = await this.#tokens.get();
    const answer = await withToken(token);
    if (answer.status !== 401) return answer;
    this.#tokens.invalidate(token);
    return withToken(await this.#tokens.get());
  }
}
