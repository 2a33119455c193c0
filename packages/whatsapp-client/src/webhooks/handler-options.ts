import type { IncomingMessage, ServerResponse } from "node:http";
import { WhatsAppValidationError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { DedupeStore } from "./dedupe-store.js";
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

const DAY = 24 * 60 * 60 * 1000;

function fail(field: string, rule: string): never {
  throw new WhatsAppValidationError([{ field, rule }]);
}

/** Validates the options and fills in the defaults, in one place. */
export function resolveHandlerOptions(
  options: WebhookHandlerOptions,
  defaultStore: () => DedupeStore,
): ResolvedHandlerOptions {
  if (typeof options.appSecret !== "string" || options.appSecret === "")
    fail("appSecret", "must be a non-empty string");
  if (typeof options.verifyToken !== "string" || options.verifyToken === "")
    fail("verifyToken", "must be a non-empty string");
  if (options.record !== undefined && typeof options.record !== "function") fail("record", "must be a function");
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") fail("onEvent", "must be a function");
  if (options.record === undefined && options.onEvent === undefined) fail("onEvent", "give onEvent, record, or both");
  const recordTimeoutMs = options.recordTimeoutMs ?? 10_000;
  if (!Number.isFinite(recordTimeoutMs) || recordTimeoutMs <= 0) fail("recordTimeoutMs", "must be a positive number");
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  if (!Number.isFinite(maxBodyBytes) || maxBodyBytes <= 0) fail("maxBodyBytes", "must be a positive number");
  const ids = options.phoneNumberIds;
  if (ids !== undefined) {
    if (!Array.isArray(ids) || ids.length === 0) fail("phoneNumberIds", "must be a non-empty array");
    ids.forEach((id, i) => {
      if (typeof id !== "string" || !/^\d{1,30}$/.test(id)) fail(`phoneNumberIds[${i}]`, "digits only");
    });
  }
  const dedupe = options.dedupe;
  return {
    maxBodyBytes,
    recordTimeoutMs,
    phoneNumberIds: ids === undefined ? undefined : new Set(ids),
    store: dedupe === false ? undefined : (dedupe?.store ?? defaultStore()),
    ttlMs: (dedupe === false ? undefined : dedupe?.ttlMs) ?? DAY,
  };
}
