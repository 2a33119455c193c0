import { TtlCache } from "../ttl-cache/ttl-cache.js";
import { checkFunction, checkInt } from "../validation.js";
import { argsKey } from "./cache-key.js";

/** Options of {@link memoize}. */
export interface MemoizeOptions<Args extends unknown[]> {
  /** Time to live of a result in ms. */
  ttl: number;
  /** Builds the cache key from the arguments; default: the arguments as JSON. */
  key?: (...args: Args) => string;
  /** Most results kept (default 1 000). */
  max?: number;
  /** After `ttl`, serve the old result this long while refreshing it in the background. */
  staleWhileRevalidate?: number;
}

/** A memoized function, with its cache for inspection and invalidation. */
export interface Memoized<Args extends unknown[], R> {
  (...args: Args): Promise<R>;
  /** The cache holding the results. */
  readonly cache: TtlCache<R>;
  /** Forgets the result for these arguments. */
  forget(...args: Args): boolean;
}

/**
 * Caches the results of `fn` by its arguments; concurrent calls with the same arguments share one call, and a failure
 * is never cached.
 * @example
 * const getRates = memoize((currency: string) => fetchRates(currency), { ttl: 60_000 });
 * await getRates("XAF");
 */
export function memoize<Args extends unknown[], R>(
  fn: (...args: Args) => R | Promise<R>,
  options: MemoizeOptions<Args>,
): Memoized<Args, R> {
  checkFunction(fn, "fn", false);
  checkInt(options?.ttl, "ttl", 0);
  checkInt(options.staleWhileRevalidate, "staleWhileRevalidate", 0, true);
  checkFunction(options.key, "key");
  const cache = new TtlCache<R>({ ttl: options.ttl, max: options.max ?? 1000 });
  const keyOf = options.key ?? ((...args: Args) => argsKey(args));
  const wrapOptions =
    options.staleWhileRevalidate === undefined ? undefined : { staleWhileRevalidate: options.staleWhileRevalidate };
  const memoized = (...args: Args): Promise<R> => {
    let key: string;
    try {
      key = keyOf(...args);
    } catch (error) {
      return Promise.reject(error); // an async function never throws synchronously
    }
    return cache.wrap(key, () => fn(...args), wrapOptions);
  };
  return Object.assign(memoized, {
    cache,
    forget: (...args: Args) => cache.delete(keyOf(...args)),
  });
}
