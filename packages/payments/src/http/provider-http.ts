import type { Dispatcher } from "undici";
import { ownDispatcher } from "../core/shared-options.js";
import { PaymentsAbortError } from "../errors.js";
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

/** The resolved options a provider client gives its HTTP side. */
export interface ProviderHttpOptions {
  baseUrl: string;
  /** The caller's dispatcher; a keep-alive Agent of the client's own when absent. */
  dispatcher?: Dispatcher | undefined;
  timeoutMs: number;
  tokenRefreshMarginMs: number;
  /** Epoch ms, read to renew the token before it expires (a test's clock). Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * The HTTP side both clients share: the base URL, the time limit, and the access token — cached, fetched
 * once for concurrent callers, and on a 401 dropped and fetched again for one more attempt (a 401 means the
 * request was not processed, so the retry cannot double anything).
 */
export class ProviderHttp {
  readonly #provider: string;
  readonly #options: ProviderHttpOptions;
  readonly #dispatcher: Dispatcher;
  readonly #tokens: TokenCache;

  /** `fetchToken` asks the provider for a token, through {@link ProviderHttp.send}. */
  constructor(
    provider: string,
    options: ProviderHttpOptions,
    fetchToken: (http: ProviderHttp) => Promise<IssuedToken>,
  ) {
    this.#provider = provider;
    this.#options = options;
    this.#dispatcher = ownDispatcher(options.dispatcher);
    this.#tokens = new TokenCache({
      fetch: () => fetchToken(this),
      refreshMarginMs: options.tokenRefreshMarginMs,
      now: options.now ?? Date.now,
    });
  }

  /** Sends without a token (the token request itself). */
  send(request: ClientRequest): Promise<ProviderAnswer> {
    return callProvider(this.#dispatcher, {
      provider: this.#provider,
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
    // A call already aborted does not even fetch a token.
    if (request.signal?.aborted) throw new PaymentsAbortError(request.operation, request.signal.reason, this.#provider);
    const token = await this.#tokens.get();
    const answer = await withToken(token);
    if (answer.status !== 401) return answer;
    this.#tokens.invalidate(token);
    return withToken(await this.#tokens.get());
  }
}
