// What the webhook does with a delivery, whatever the framework: verify,
// parse leniently, keep our numbers, record (durable mode), answer, then run
// onEvent (fire-and-forget mode).
import { WebhookError } from "../errors.js";
import type { ResolvedHandlerOptions, WebhookHandlerOptions, WebhookHandlerStats } from "./handler-options.js";
import { parseWebhookPayload } from "./parse.js";
import type { WebhookEvent } from "./types.js";
import { verifySignature, verifySubscription } from "./verify.js";

/** An HTTP answer, before an adapter writes it. */
export interface Answer {
  status: number;
  body: string;
}

/** The framework-neutral core of a webhook handler. */
export interface DeliveryProcessor {
  get(query: URLSearchParams): Answer;
  post(body: Uint8Array, signature: string | null | undefined): Promise<Answer>;
  /** Counts and reports a delivery an adapter refused before reading it (too large, raw body gone). */
  refuse(answer: Answer, error?: unknown): Answer;
  drain(): Promise<void>;
  stats(): WebhookHandlerStats;
}

/** The key a redelivered event repeats; events without a stable identity are not de-duplicated. */
function dedupeKey(event: WebhookEvent): string | undefined {
  switch (event.kind) {
    case "message":
      return `wa:msg:${event.id}`;
    case "status":
      return `wa:status:${event.id}:${event.status}`;
    case "call":
      return `wa:call:${event.id}:${event.event}`;
    case "message_echo":
      return `wa:echo:${event.id}`;
    case "user_preference":
      return `wa:pref:${event.waId}:${event.value}:${event.timestamp.getTime()}`;
    default:
      return undefined;
  }
}

/** Account-level events (templates, account, limits) concern every number of the account. */
const phoneNumberOf = (event: WebhookEvent): string | undefined =>
  "phoneNumberId" in event ? event.phoneNumberId : undefined;

export function createDeliveryProcessor(
  options: WebhookHandlerOptions,
  resolved: ResolvedHandlerOptions,
): DeliveryProcessor {
  const { store, ttlMs, phoneNumberIds, recordTimeoutMs } = resolved;
  const { record, onEvent, logger } = options;
  const counters: WebhookHandlerStats = {
    deliveriesAccepted: 0,
    deliveriesRejected: 0,
    deliveriesRefused: 0,
    eventsRecorded: 0,
    malformedItemsSkipped: 0,
    otherNumberEventsIgnored: 0,
    eventHandlerFailures: 0,
  };
  const pending = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>): void => {
    pending.add(job);
    void job.then(
      () => pending.delete(job),
      () => pending.delete(job),
    );
  };

  const report = (error: unknown, event?: WebhookEvent): void => {
    try {
      if (options.onError) options.onError(error, event);
      else logger?.error("whatsapp webhook failure", { error: String(error), kind: event?.kind });
    } catch {
      // An error handler that throws must not turn into an unhandled rejection.
    }
  };

  const onInvalid = (error: WebhookError): void => {
    counters.malformedItemsSkipped++;
    try {
      // The path and the rule only: never the content of a message.
      logger?.warn("whatsapp webhook item skipped", { path: error.path, reason: error.message });
    } catch {
      // A logger failure must not cost the rest of the delivery.
    }
  };

  function ours(events: WebhookEvent[]): WebhookEvent[] {
    if (!phoneNumberIds) return events;
    return events.filter((event) => {
      const phoneNumberId = phoneNumberOf(event);
      if (phoneNumberId === undefined || phoneNumberIds.has(phoneNumberId)) return true;
      counters.otherNumberEventsIgnored++;
      logger?.debug("whatsapp webhook event for another number ignored", {
        phoneNumberId,
        kind: event.kind,
      });
      return false;
    });
  }

  async function recordWithin(recorder: NonNullable<typeof record>, events: WebhookEvent[], receivedAt: Date) {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new WebhookError(
          "WHATSAPP_RECORD_TIMEOUT",
          `record did not finish within ${recordTimeoutMs} ms; answered 503 so Meta redelivers`,
        );
        controller.abort(error);
        reject(error);
      }, recordTimeoutMs);
      timer.unref();
    });
    // A synchronous throw counts as a rejection.
    const work = Promise.resolve().then(() => recorder(events, { receivedAt, signal: controller.signal }));
    // Bounded by the timeout, so drain() never waits on a recorder that hangs.
    const settled = Promise.race([work, timeout]);
    track(settled.catch(() => {}));
    try {
      await settled;
    } catch (error) {
      if (WebhookError.isInstance(error) && error.code === "WHATSAPP_RECORD_TIMEOUT") throw error;
      throw new WebhookError("WHATSAPP_RECORD_FAILED", "record failed; answered 503 so Meta redelivers", undefined, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function handle(event: WebhookEvent, handler: NonNullable<typeof onEvent>): Promise<void> {
    const key = store ? dedupeKey(event) : undefined;
    let claimed = false;
    if (store && key !== undefined) {
      try {
        if (!(await store.claim(key, ttlMs))) return;
        claimed = true;
      } catch (error) {
        // Fail open: a store outage may let a duplicate through, but must not drop a message.
        counters.eventHandlerFailures++;
        report(error, event);
      }
    }
    try {
      await handler(event);
    } catch (error) {
      counters.eventHandlerFailures++;
      report(error, event);
      if (claimed && store?.release && key !== undefined) {
        try {
          await store.release(key);
        } catch (releaseError) {
          report(releaseError, event);
        }
      }
    }
  }

  function schedule(events: WebhookEvent[]): void {
    const handler = onEvent;
    if (!handler || events.length === 0) return;
    track(
      new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        for (const event of events) await handle(event, handler);
      }),
    );
  }

  function refuse(answer: Answer, error?: unknown): Answer {
    counters.deliveriesRefused++;
    if (error !== undefined) report(error);
    return answer;
  }

  return {
    get(query) {
      try {
        return { status: 200, body: verifySubscription(query, options.verifyToken) };
      } catch (error) {
        report(error);
        return { status: 403, body: "Forbidden" };
      }
    },

    async post(body, signature) {
      const receivedAt = new Date();
      if (!verifySignature(body, signature, options.appSecret)) {
        const error = new WebhookError("WHATSAPP_INVALID_SIGNATURE", "X-Hub-Signature-256 does not match the body");
        return refuse({ status: 401, body: "Invalid signature" }, error);
      }
      let events: WebhookEvent[];
      try {
        events = ours(parseWebhookPayload(body, { onInvalid }));
      } catch (error) {
        return refuse({ status: 400, body: "Malformed payload" }, error);
      }
      if (record && events.length > 0) {
        try {
          await recordWithin(record, events, receivedAt);
        } catch (error) {
          counters.deliveriesRejected++;
          report(error);
          return { status: 503, body: "Not recorded, retry later" };
        }
        counters.eventsRecorded += events.length;
      }
      counters.deliveriesAccepted++;
      schedule(events);
      return { status: 200, body: "OK" };
    },

    refuse,

    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },

    stats() {
      return { ...counters };
    },
  };
}
