import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { loggerSchema, validateOptions } from "../validation.js";
import { type DedupeStore, MemoryDedupeStore } from "./dedupe-store.js";
import type { WebhookEvent } from "./types.js";

/** What {@link WebhookHandlerOptions.record} learns about the delivery besides its events. */
export interface WebhookDelivery {
  /** When the handler had the whole body. */
  receivedAt: Date;
  /** Aborted once `recordTimeoutMs` has passed: the handler has answered 503 and Meta will redeliver. */
  signal: AbortSignal;
}

/**
 * Stores the events of one delivery durably (a job queue, a table…) before
 * the handler acknowledges it. Must be idempotent by event id: Meta redelivers
 * what was not acknowledged, including deliveries this function did store but
 * answered too late.
 */
export type RecordWebhookEvents = (events: WebhookEvent[], delivery: WebhookDelivery) => Promise<void>;

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** The app secret that signs deliveries. Never logged. */
  appSecret: string;
  /** The token you typed in the app dashboard for the subscription check. */
  verifyToken: string;
  /**
   * Durable mode: awaited with the events of each delivery (at least one) before
   * the answer; 200 once it resolved, 503 when it rejects or exceeds
   * `recordTimeoutMs`, so Meta redelivers. De-duplication is then its job (by
   * event id); the handler claims no dedupe key before it resolved.
   */
  record?: RecordWebhookEvents;
  /** Longest wait for `record`, in ms, before answering 503. Default 10000. */
  recordTimeoutMs?: number;
  /**
   * Runs once per event, in delivery order, after the 200 answer went out
   * (after `record` resolved, when both are given). Required without `record`.
   * On its own this mode is at-most-once: an event whose `onEvent` fails or
   * whose process dies after the 200 is not redelivered by Meta.
   */
  onEvent?: (event: WebhookEvent) => void | Promise<void>;
  /** Receives failures of `onEvent`, of the dedupe store, of `record`, and rejected deliveries. Defaults to `logger.error`. */
  onError?: (error: unknown, event?: WebhookEvent) => void;
  /**
   * Drops redelivered messages and statuses before `onEvent` (never before
   * `record`). A key whose `onEvent` failed is released when the store can
   * (`release`); a store that fails lets the event through. `false` turns it
   * off. Default: in memory, 24 h.
   */
  dedupe?: false | { store?: DedupeStore; ttlMs?: number };
  /**
   * Business phone number ids this endpoint serves; events for any other are
   * dropped (logged at debug, counted) before `record`/`onEvent`. Default: all,
   * because one app, hence one webhook URL, often serves several numbers.
   */
  phoneNumberIds?: readonly string[];
  /** Largest body accepted, in bytes. Default 5 MB. */
  maxBodyBytes?: number;
  /** Receives skipped items (`warn`), ignored numbers (`debug`) and, without `onError`, failures (`error`). */
  logger?: Logger;
}

/** Counters of a {@link WebhookHandler}, since it was created (for /metrics). */
export interface WebhookHandlerStats {
  /** Deliveries answered 200 (recorded, when `record` is given). */
  deliveriesAccepted: number;
  /** Deliveries answered 503 because `record` failed or timed out (Meta redelivers them). */
  deliveriesRejected: number;
  /** Deliveries refused with a 4xx: bad signature, a root that is not a delivery, too large, raw body gone. */
  deliveriesRefused: number;
  /** Events handed to `record` and stored. */
  eventsRecorded: number;
  /** Malformed entries, changes, messages and statuses skipped while the rest of their delivery went through. */
  malformedItemsSkipped: number;
  /** Events dropped because their `phoneNumberId` is not in `phoneNumberIds`. */
  otherNumberEventsIgnored: number;
  /** `onEvent` or dedupe store failures (reported to `onError`). */
  eventHandlerFailures: number;
}

/** A webhook endpoint for any framework. */
export interface WebhookHandler {
  /** Fetch-style handler: Hono, Next.js route handlers, Bun, Deno, `@whatwg-node/server`… */
  fetch(request: Request): Promise<Response>;
  /** Node `http` style handler: `http.createServer(handler.node)`, Express, Fastify's `raw`. */
  node(req: IncomingMessage, res: ServerResponse): void;
  /** Resolves when every delivery and event received so far has been recorded and handled (tests, graceful shutdown). */
  drain(): Promise<void>;
  /** A snapshot of the counters. */
  stats(): WebhookHandlerStats;
}

/** Options with their defaults filled in. */
export interface ResolvedHandlerOptions {
  maxBodyBytes: number;
  recordTimeoutMs: number;
  phoneNumberIds: ReadonlySet<string> | undefined;
  store: DedupeStore | undefined;
  ttlMs: number;
}

/** How long a delivered message or status id is remembered by default: Meta redelivers for about a day. */
const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;

const fn = <T>() => z.custom<T>((v) => typeof v === "function", "must be a function");

// The options and their defaults, written once; the handler uses the parsed output. Parsed once, when the
// handler is created, never per request. Callbacks, the store and the logger are checked by shape and handed
// back as they are.
const optionsSchema = z
  .object({
    appSecret: z.string().min(1),
    verifyToken: z.string().min(1),
    record: fn<RecordWebhookEvents>().optional(),
    onEvent: fn<NonNullable<WebhookHandlerOptions["onEvent"]>>().optional(),
    onError: fn<NonNullable<WebhookHandlerOptions["onError"]>>().optional(),
    recordTimeoutMs: z.number().positive().default(10_000),
    maxBodyBytes: z
      .number()
      .positive()
      .default(5 * 1024 * 1024),
    phoneNumberIds: z
      .array(z.string().regex(/^\d{1,30}$/, "digits only"))
      .min(1)
      .optional(),
    dedupe: z
      // The object first: a bad field inside it is named (dedupe.ttlMs), not the whole union.
      .union([
        z.object({
          // A new in-memory store per handler (zod calls a function passed to `default` on each parse).
          store: z
            .custom<DedupeStore>(
              (v) => typeof v === "object" && v !== null && typeof (v as DedupeStore).claim === "function",
              "must have a claim method",
            )
            .default(() => new MemoryDedupeStore()),
          ttlMs: z.number().int().positive().default(DEDUPE_TTL_MS),
        }),
        z.literal(false),
      ])
      // prefault: an absent `dedupe` is parsed as `{}`, so the defaults above are the only ones.
      .prefault({}),
    logger: loggerSchema.optional(),
  })
  .refine((o) => o.record !== undefined || o.onEvent !== undefined, {
    message: "give onEvent, record, or both",
    path: ["onEvent"],
  });

/**
 * Validates the options and fills in the defaults, in one place; a bad option throws a
 * `WhatsAppValidationError` naming its field.
 */
export function resolveHandlerOptions(options: WebhookHandlerOptions): ResolvedHandlerOptions {
  const o = validateOptions(optionsSchema, options);
  return {
    maxBodyBytes: o.maxBodyBytes,
    recordTimeoutMs: o.recordTimeoutMs,
    phoneNumberIds: o.phoneNumberIds === undefined ? undefined : new Set(o.phoneNumberIds),
    store: o.dedupe === false ? undefined : o.dedupe.store,
    ttlMs: o.dedupe === false ? DEDUPE_TTL_MS : o.dedupe.ttlMs,
  };
}
