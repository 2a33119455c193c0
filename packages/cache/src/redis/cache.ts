import { CacheSerializationError, CacheValidationError } from "../errors.js";
import { checkInt, checkString } from "../validation.js";
import { isClusterClient, type RedisClientLike } from "./client.js";
import { runCommand } from "./command.js";
import { groupBySlot } from "./key-slot.js";

/** Options of {@link RedisCache}. */
export interface RedisCacheOptions {
  /** An ioredis client, or anything with a compatible `call`. */
  client: RedisClientLike;
  /** Key prefix (default `"toktok:cache"`); a value lives at `<prefix>:<key>`. */
  prefix?: string;
  /** Default time to live in ms (every key written gets an expiry). */
  ttl: number;
  /** Longest wait for Redis per command, in ms (default 1 000); then `CacheUnavailableError`. */
  timeoutMs?: number;
}

/** Per-call options of {@link RedisCache} reads and deletes. */
export interface RedisCallOptions {
  signal?: AbortSignal;
}

/** Per-call options of {@link RedisCache.set} and `wrap`. */
export interface RedisSetOptions extends RedisCallOptions {
  /** Time to live of this entry in ms, overriding the default. */
  ttl?: number;
}

// SCAN MATCH is a glob: escape its special characters so a prefix matches literally.
const escapeGlob = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/**
 * An async cache on Redis shared by many processes: JSON values, a TTL on every key, bounded waits.
 * `undefined` is never stored; `Date`s come back as strings (JSON).
 * @example
 * const cache = new RedisCache<Product[]>({ client: redis, ttl: 300_000, prefix: "catalogue" });
 * const products = await cache.wrap(`merchant:${id}`, () => backend.products(id));
 */
export class RedisCache<V = unknown> {
  readonly prefix: string;
  readonly #client: RedisClientLike;
  readonly #ttl: number;
  readonly #timeoutMs: number;
  readonly #inflight = new Map<string, Promise<V>>();

  constructor(options: RedisCacheOptions) {
    if (typeof options?.client?.call !== "function") {
      throw new CacheValidationError("client", "must be an ioredis client (an object with call(command, ...args))");
    }
    if (options.prefix !== undefined) checkString(options.prefix, "prefix", true);
    checkInt(options.ttl, "ttl", 1);
    checkInt(options.timeoutMs, "timeoutMs", 1, true);
    this.#client = options.client;
    this.prefix = options.prefix ?? "toktok:cache";
    this.#ttl = options.ttl;
    this.#timeoutMs = options.timeoutMs ?? 1000;
  }

  /** The Redis key of a cache key. */
  keyOf(key: string): string {
    return `${this.prefix}:${key}`;
  }

  /** The value under `key`, or `undefined`. */
  async get(key: string, options?: RedisCallOptions): Promise<V | undefined> {
    const raw = await runCommand(this.#client, this.#timeoutMs, options?.signal, "GET", this.keyOf(key));
    if (raw === null || raw === undefined) return undefined;
    try {
      return JSON.parse(String(raw)) as V;
    } catch (error) {
      throw new CacheSerializationError(key, `value under "${key}" is not valid JSON`, error);
    }
  }

  /** Stores `value` as JSON for `ttl` ms. */
  async set(key: string, value: V, options?: RedisSetOptions): Promise<void> {
    const ttl = options?.ttl ?? this.#ttl;
    checkInt(ttl, "ttl", 1);
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      throw new CacheSerializationError(key, `value for "${key}" cannot be serialised to JSON`, error);
    }
    if (json === undefined)
      throw new CacheSerializationError(key, `value for "${key}" is not JSON (undefined/function)`);
    await runCommand(this.#client, this.#timeoutMs, options?.signal, "SET", this.keyOf(key), json, "PX", ttl);
  }

  /** True when `key` holds a value. */
  async has(key: string, options?: RedisCallOptions): Promise<boolean> {
    return Number(await runCommand(this.#client, this.#timeoutMs, options?.signal, "EXISTS", this.keyOf(key))) === 1;
  }

  /** Milliseconds before `key` expires; 0 when absent. */
  async remainingTtl(key: string, options?: RedisCallOptions): Promise<number> {
    const pttl = Number(await runCommand(this.#client, this.#timeoutMs, options?.signal, "PTTL", this.keyOf(key)));
    return Math.max(pttl, 0);
  }

  /** Removes `key`; true when it existed. */
  async delete(key: string, options?: RedisCallOptions): Promise<boolean> {
    return Number(await runCommand(this.#client, this.#timeoutMs, options?.signal, "UNLINK", this.keyOf(key))) > 0;
  }

  /**
   * Removes every key starting with `prefix` (SCAN + UNLINK in batches, never KEYS); returns how many.
   * On Redis Cluster (an ioredis `Cluster`), every master is scanned to the end and each batch is deleted with one
   * UNLINK per hash slot. When a master fails, the others are still cleaned and the first error is thrown after.
   */
  async deleteByPrefix(prefix: string, options?: RedisCallOptions): Promise<number> {
    const pattern = `${escapeGlob(this.keyOf(prefix))}*`;
    const client = this.#client;
    if (!isClusterClient(client)) return this.#scanAndUnlink(client, pattern, false, options);
    let masters = client.nodes("master");
    if (masters.length === 0) {
      // Not connected yet: any keyed command waits for the slot map, then the masters are known.
      await runCommand(client, this.#timeoutMs, options?.signal, "EXISTS", this.keyOf(prefix));
      masters = client.nodes("master");
    }
    const results = await Promise.allSettled(masters.map((node) => this.#scanAndUnlink(node, pattern, true, options)));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    return results.reduce((sum, r) => sum + (r.status === "fulfilled" ? r.value : 0), 0);
  }

  // SCAN on `node` (one server); UNLINK through the client (the cluster routes a single-slot UNLINK to its owner).
  async #scanAndUnlink(
    node: RedisClientLike,
    pattern: string,
    bySlot: boolean,
    options: RedisCallOptions | undefined,
  ): Promise<number> {
    let cursor = "0";
    let removed = 0;
    do {
      const reply = (await runCommand(
        node,
        this.#timeoutMs,
        options?.signal,
        "SCAN",
        cursor,
        "MATCH",
        pattern,
        "COUNT",
        500,
      )) as [string, string[]];
      cursor = String(reply[0]);
      const keys = reply[1];
      if (keys.length === 0) continue;
      const batches = bySlot ? groupBySlot(keys) : [keys];
      const counts = await Promise.all(
        batches.map((batch) => runCommand(this.#client, this.#timeoutMs, options?.signal, "UNLINK", ...batch)),
      );
      for (const n of counts) removed += Number(n);
    } while (cursor !== "0");
    return removed;
  }

  /**
   * The cached value, or `fn()`'s result stored for `ttl`. Concurrent misses in this process share one call;
   * failures are never cached. For fleet-wide stampede protection use `TieredCache.wrap`.
   */
  async wrap(key: string, fn: () => V | Promise<V>, options?: RedisSetOptions): Promise<V> {
    const hit = await this.get(key, options);
    if (hit !== undefined) return hit;
    const running = this.#inflight.get(key);
    if (running) return running;
    const load = (async () => {
      try {
        const value = await fn();
        if (value !== undefined) await this.set(key, value, options);
        return value;
      } finally {
        this.#inflight.delete(key);
      }
    })();
    this.#inflight.set(key, load);
    return load;
  }
}
