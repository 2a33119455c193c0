import { TtlCache } from "../ttl-cache/ttl-cache.js";
import { checkFunction, checkInt } from "../validation.js";
import { argsKey } from "./cache-key.js";

/**
 * Any cache with a single-flight `wrap`: a {@link TtlCache}, or a `TieredCache` / `RedisCache` to share results
 * between processes.
 */
export interface WrapCache {
  // `() => never` lets a cache of any value type (e.g. TtlCache<User>) be passed; method syntax keeps it bivariant.
  wrap(key: string, fn: () => never, options?: { ttl?: number }): Promise<unknown>;
}

/** Options of {@link cached}. */
export interface CachedOptions<K extends (...args: never[]) => string = (...args: unknown[]) => string> {
  /** Time to live of a result in ms. */
  ttl: number;
  /** Builds the cache key from the call's arguments; default: the arguments as JSON. */
  key?: K;
  /**
   * Cache shared by every instance (keys are prefixed with the method name). Default: a private cache per instance.
   */
  cache?: WrapCache;
  /** Most results kept per instance when no `cache` is given (default 1 000). */
  max?: number;
}

type AsyncMethod<This, Args extends unknown[], R> = (this: This, ...args: Args) => Promise<R>;

/**
 * TC39 standard method decorator (TypeScript ≥ 5, no `experimentalDecorators`) caching an async method's results.
 * Concurrent calls with the same key share one call; a rejection is never cached.
 * @example
 * class Catalogue {
 *   @cached({ ttl: 60_000, key: (merchantId: string) => merchantId })
 *   async products(merchantId: string): Promise<Product[]> { return api.products(merchantId); }
 * }
 */
export function cached<K extends (...args: never[]) => string = (...args: unknown[]) => string>(
  options: CachedOptions<K>,
): <This extends object, Args extends unknown[], R>(
  target: AsyncMethod<This, Args, R>,
  // Fails to type-check when `key` cannot take the method's arguments.
  context: ClassMethodDecoratorContext<This, AsyncMethod<This, Args, R>> &
    ([K] extends [(...args: Args) => string] ? unknown : never),
) => AsyncMethod<This, Args, R> {
  checkInt(options?.ttl, "ttl", 0);
  checkInt(options.max, "max", 1, true);
  checkFunction(options.key, "key");
  const { ttl, cache: shared, max = 1000 } = options;
  const keyOf = options.key as ((...args: unknown[]) => string) | undefined;
  return <This extends object, Args extends unknown[], R>(
    target: AsyncMethod<This, Args, R>,
    context: ClassMethodDecoratorContext<This, AsyncMethod<This, Args, R>>,
  ): AsyncMethod<This, Args, R> => {
    const method = String(context.name);
    // One cache per instance, dropped with the instance.
    const perInstance = new WeakMap<object, TtlCache<R>>();
    return function (this: This, ...args: Args): Promise<R> {
      let key: string;
      try {
        key = keyOf ? keyOf(...args) : argsKey(args);
      } catch (error) {
        return Promise.reject(error); // an async method never throws synchronously
      }
      const call = () => target.apply(this, args);
      if (shared) return shared.wrap(`${method}:${key}`, call as () => never, { ttl }) as Promise<R>;
      let cache = perInstance.get(this);
      if (!cache) {
        cache = new TtlCache<R>({ ttl, max });
        perInstance.set(this, cache);
      }
      return cache.wrap(key, call);
    };
  };
}
