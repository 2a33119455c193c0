import { LRUCache } from "lru-cache";
import type { Dispatcher } from "undici";
import { z } from "zod";
import { parseOptions } from "../validate-options.js";
import {
  categorySchema,
  merchantSchema,
  missionSchema,
  orderSchema,
  productSchema,
  quoteSchema,
  userSchema,
} from "./http-schemas.js";
import { type Call, call, type TransportSettings } from "./http-transport.js";
import type { CallOptions, Mission, Order, TokTokBackend, User } from "./types.js";

/**
 * Where catalogue reads are cached. `TtlCache` from `@toktok/cache` fits, as does any
 * object with these two methods (sync or async).
 */
export interface CatalogueCache {
  get(key: string): unknown;
  set(key: string, value: unknown, options?: { ttl?: number }): unknown;
}

/** Options of {@link HttpBackend}. */
export interface HttpBackendOptions {
  /** Base URL of the REST API described in `openapi/backend.yaml`, e.g. `https://api.toktok.cg/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never logged. */
  apiKey?: string;
  /** Per-attempt timeout in ms. Default 5,000. */
  timeoutMs?: number;
  /** Retries on network errors, 429 and 5xx (GETs, and POSTs carrying an idempotency key). */
  retry?: { maxRetries?: number; baseDelayMs?: number };
  /** Cache for catalogue reads. Default: an in-process LRU. */
  cache?: CatalogueCache;
  /** How long catalogue reads stay cached, in ms. Default 60,000. */
  catalogueTtlMs?: number;
  /** An undici dispatcher (pool, proxy, MockAgent). */
  dispatcher?: Dispatcher;
}

// The options and their defaults, written once: the constructor uses the parsed output. The cache and the
// dispatcher are objects the caller keeps (checked by shape, passed through as they are).
const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().default(5_000),
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(10).default(2),
      baseDelayMs: z.number().int().min(0).default(100),
    })
    // prefault: an absent `retry` is parsed as `{}`, so the defaults above are the only ones.
    .prefault({}),
  cache: z
    .custom<CatalogueCache>(
      (v) =>
        typeof v === "object" &&
        v !== null &&
        typeof (v as CatalogueCache).get === "function" &&
        typeof (v as CatalogueCache).set === "function",
      "must have get(key) and set(key, value, options)",
    )
    .optional(),
  catalogueTtlMs: z.number().int().positive().default(60_000),
  dispatcher: z
    .custom<Dispatcher>(
      (v) => typeof v === "object" && v !== null && typeof (v as Dispatcher).dispatch === "function",
      "must be an undici Dispatcher",
    )
    .optional(),
});

const enc = encodeURIComponent;

/**
 * The TokTok backend over HTTP (undici): timeouts, retries with backoff, and cached catalogue reads.
 * Any server implementing `openapi/backend.yaml` works, whatever its language.
 * @example
 * const backend = new HttpBackend({ baseUrl: "https://api.toktok.cg/v1", apiKey: process.env.TOKTOK_API_KEY });
 * const flows = builtInFlows({ backend });
 */
export class HttpBackend implements TokTokBackend {
  readonly #settings: TransportSettings;
  readonly #cache: CatalogueCache;
  readonly #ttl: number;
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(options: HttpBackendOptions) {
    const o = parseOptions(optionsSchema, options);
    this.#settings = {
      baseUrl: o.baseUrl,
      apiKey: o.apiKey,
      timeoutMs: o.timeoutMs,
      maxRetries: o.retry.maxRetries,
      baseDelayMs: o.retry.baseDelayMs,
      dispatcher: o.dispatcher,
    };
    this.#ttl = o.catalogueTtlMs;
    // Not a schema default: each backend needs its own cache, sized by this backend's TTL.
    this.#cache = o.cache ?? new LRUCache<string, object>({ max: 1_000, ttl: this.#ttl });
  }

  #call<T>(c: Call, schema: z.ZodType<T>): Promise<T | undefined> {
    return call(this.#settings, c, schema);
  }

  async #must<T>(c: Call, schema: z.ZodType<T>): Promise<T> {
    return (await this.#call(c, schema)) as T;
  }

  async #cached<T>(key: string, c: Call, schema: z.ZodType<T>): Promise<T | undefined> {
    const hit = (await this.#cache.get(key)) as { value: T | undefined } | undefined;
    if (hit) return hit.value;
    // Single flight: a hundred users opening the catalogue at once cost one request.
    const pending = this.#inFlight.get(key) as Promise<T | undefined> | undefined;
    if (pending) return pending;
    const load = (async () => {
      try {
        const value = await this.#call(c, schema);
        // Wrapped so a cached "not found" is told apart from a miss.
        await this.#cache.set(key, { value }, { ttl: this.#ttl });
        return value;
      } finally {
        this.#inFlight.delete(key);
      }
    })();
    this.#inFlight.set(key, load);
    return load;
  }

  readonly users: TokTokBackend["users"] = {
    findByPhone: (phone, o) =>
      this.#call(
        {
          method: "GET",
          path: `users/by-phone/${enc(phone.replace(/\D/g, ""))}`,
          signal: o?.signal,
          allowNotFound: true,
        },
        userSchema,
      ) as Promise<User | undefined>,
    create: (input, o) =>
      this.#must(
        { method: "POST", path: "users", body: input, signal: o?.signal, idempotencyKey: o?.idempotencyKey },
        userSchema,
      ) as Promise<User>,
    update: (phone, patch, o) =>
      this.#must(
        {
          method: "PATCH",
          path: `users/by-phone/${enc(phone.replace(/\D/g, ""))}`,
          body: { name: patch.name },
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        userSchema,
      ) as Promise<User>,
  };

  readonly missions: TokTokBackend["missions"] = {
    quote: (input, o) =>
      this.#must({ method: "POST", path: "missions/quote", body: input, signal: o?.signal, safe: true }, quoteSchema),
    create: (input, o) =>
      this.#must(
        { method: "POST", path: "missions", body: input, signal: o?.signal, idempotencyKey: o?.idempotencyKey },
        missionSchema,
      ) as Promise<Mission>,
    get: (id, o) =>
      this.#call(
        { method: "GET", path: `missions/${enc(id)}`, signal: o?.signal, allowNotFound: true },
        missionSchema,
      ) as Promise<Mission | undefined>,
    list: (filter, o) =>
      this.#must(
        { method: "GET", path: "missions", query: { ...filter }, signal: o?.signal },
        z.array(missionSchema),
      ) as Promise<Mission[]>,
    accept: (id, driver, o) =>
      this.#must(
        {
          method: "POST",
          path: `missions/${enc(id)}/accept`,
          body: { driver },
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        missionSchema,
      ) as Promise<Mission>,
    updateStatus: (id, status, extra, o) =>
      this.#must(
        {
          method: "POST",
          path: `missions/${enc(id)}/status`,
          body: { status, ...(extra?.location ? { location: extra.location } : {}) },
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        missionSchema,
      ) as Promise<Mission>,
    reschedule: (id, scheduledAt, o) =>
      this.#must(
        {
          method: "POST",
          path: `missions/${enc(id)}/reschedule`,
          body: { scheduledAt },
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        missionSchema,
      ) as Promise<Mission>,
    recordProof: (id, proof, o) =>
      this.#must(
        {
          method: "POST",
          path: `missions/${enc(id)}/proof`,
          body: proof,
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        missionSchema,
      ) as Promise<Mission>,
  };

  readonly orders: TokTokBackend["orders"] = {
    create: (input, o) =>
      this.#must(
        { method: "POST", path: "orders", body: input, signal: o?.signal, idempotencyKey: o?.idempotencyKey },
        orderSchema,
      ) as Promise<Order>,
    get: (id, o) =>
      this.#call(
        { method: "GET", path: `orders/${enc(id)}`, signal: o?.signal, allowNotFound: true },
        orderSchema,
      ) as Promise<Order | undefined>,
    list: (filter, o) =>
      this.#must(
        { method: "GET", path: "orders", query: { ...filter }, signal: o?.signal },
        z.array(orderSchema),
      ) as Promise<Order[]>,
    updateStatus: (id, status, o) =>
      this.#must(
        {
          method: "POST",
          path: `orders/${enc(id)}/status`,
          body: { status },
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        orderSchema,
      ) as Promise<Order>,
    reschedule: (id, scheduledAt, o) =>
      this.#must(
        {
          method: "POST",
          path: `orders/${enc(id)}/reschedule`,
          body: { scheduledAt },
          signal: o?.signal,
          idempotencyKey: o?.idempotencyKey,
        },
        orderSchema,
      ) as Promise<Order>,
  };

  readonly catalogue: TokTokBackend["catalogue"] = {
    categories: async (o?: CallOptions) =>
      (await this.#cached(
        "categories",
        { method: "GET", path: "catalogue/categories", signal: o?.signal },
        z.array(categorySchema),
      )) ?? [],
    merchants: async (categoryId, o) =>
      (await this.#cached(
        `merchants:${categoryId}`,
        {
          method: "GET",
          path: `catalogue/categories/${enc(categoryId)}/merchants`,
          signal: o?.signal,
          allowNotFound: true,
        },
        z.array(merchantSchema),
      )) ?? [],
    merchant: (id, o) =>
      this.#cached(
        `merchant:${id}`,
        { method: "GET", path: `catalogue/merchants/${enc(id)}`, signal: o?.signal, allowNotFound: true },
        merchantSchema,
      ),
    products: async (merchantId, o) =>
      (await this.#cached(
        `products:${merchantId}`,
        {
          method: "GET",
          path: `catalogue/merchants/${enc(merchantId)}/products`,
          signal: o?.signal,
          allowNotFound: true,
        },
        z.array(productSchema),
      )) ?? [],
    product: (id, o) =>
      this.#cached(
        `product:${id}`,
        { method: "GET", path: `catalogue/products/${enc(id)}`, signal: o?.signal, allowNotFound: true },
        productSchema,
      ),
  };
}
