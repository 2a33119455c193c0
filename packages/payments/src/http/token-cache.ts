/** An access token and how long it lives. */
export interface IssuedToken {
  token: string;
  /** Lifetime in seconds, as the provider announced it. */
  expiresInSec: number;
}

/** What {@link TokenCache} needs. */
export interface TokenCacheOptions {
  /** Asks the provider for a new token. */
  fetch: () => Promise<IssuedToken>;
  /** Renew this long before the announced expiry, so no request leaves with a token about to die. */
  refreshMarginMs: number;
  now: () => number;
}

/**
 * One access token per client: reused until shortly before it expires, renewed by a single request however
 * many payments ask at once (single flight), and dropped when the provider refuses it (401).
 */
export class TokenCache {
  readonly #options: TokenCacheOptions;
  #current: { token: string; refreshAt: number } | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
  }

  /** A valid token: the cached one, or the one being fetched. */
  get(): Promise<string> {
    const current = this.#current;
    if (current !== undefined && this.#options.now() < current.refreshAt) return Promise.resolve(current.token);
    if (this.#inFlight === undefined) {
      const flight = this.#fetch();
      this.#inFlight = flight;
      const clear = (): void => {
        if (this.#inFlight === flight) this.#inFlight = undefined;
      };
      flight.then(clear, clear);
    }
    return this.#inFlight;
  }

  /** Forgets `token` after the provider refused it; a newer token (fetched meanwhile by another call) is kept. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  async #fetch(): Promise<string> {
    const issued = await this.#options.fetch();
    const lifetimeMs = issued.expiresInSec * 1000;
    // A margin larger than half the lifetime (a 180 s sandbox token) would renew on every call: cap it.
    const margin = Math.min(this.#options.refreshMarginMs, lifetimeMs / 2);
    this.#current = { token: issued.token, refreshAt: this.#options.now() + lifetimeMs - margin };
    return issued.token;
  }
}
