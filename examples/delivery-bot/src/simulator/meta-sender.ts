import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

/** A delivery to POST: raw bytes and, when already signed, the headers that go with them. */
export interface OutgoingDelivery {
  body: string;
  headers?: Record<string, string>;
}

/** Options of {@link createMetaSender}. */
export interface MetaSenderOptions {
  /** The bot's webhook URL, e.g. `http://127.0.0.1:3000/webhook`. */
  url: string;
  /** Signs bodies handed over without an `x-hub-signature-256` header. */
  appSecret?: string;
  /** Wait before the first redelivery. Default 100 ms. */
  initialDelayMs?: number;
  /** Longest wait between two redeliveries (the wait doubles up to it). Default 2 000 ms. */
  maxDelayMs?: number;
  /** The sender gives up on a delivery not acknowledged within this time. Default 30 000 ms. */
  maxElapsedMs?: number;
  /** One POST not answered within this time counts as a failure (and is redelivered). Default 10 000 ms. */
  requestTimeoutMs?: number;
}

/** How one delivery went. */
export interface DeliveryReport {
  /** The 2xx status that ended it. */
  status: number;
  /** POSTs made: 1 when the first one was acknowledged. */
  attempts: number;
  /** What each POST got: an HTTP status, or `error` (connection refused, reset, timeout). */
  answers: Array<number | "error">;
  elapsedMs: number;
}

/** Thrown when a delivery was not acknowledged within `maxElapsedMs`, or the sender was closed. */
export class DeliveryNotAcknowledgedError extends Error {
  override readonly name = "DeliveryNotAcknowledgedError";
  readonly answers: Array<number | "error">;
  constructor(message: string, answers: Array<number | "error">) {
    super(message);
    this.answers = answers;
  }
}

/** Sends webhook deliveries the way Meta does: redelivered with backoff until a 2xx. */
export interface MetaSender {
  /** POSTs the delivery until a 2xx; rejects with {@link DeliveryNotAcknowledgedError} past `maxElapsedMs`. */
  deliver(delivery: OutgoingDelivery | string): Promise<DeliveryReport>;
  /** Deliveries acknowledged so far. */
  readonly acknowledged: number;
  /** POSTs that were redeliveries (every POST after the first of a delivery), all deliveries together. */
  readonly redeliveries: number;
  /** Non-2xx answers and connection failures seen, by status (`error` for no HTTP answer). */
  readonly failures: Readonly<Record<string, number>>;
  /** Deliveries still being tried. */
  readonly pending: number;
  /** Stops every pending delivery (they reject) and refuses new ones. */
  close(): void;
}

/**
 * A Meta-like webhook sender for tests: signs a delivery (HMAC-SHA256 of the raw bytes with the
 * app secret, when it is not signed yet), POSTs it, and redelivers the same bytes until the bot
 * answers 2xx — after 100 ms, then doubling to 2 s, within a bounded total time — counting the
 * redeliveries. Meta itself keeps trying for days; tests want a bound.
 * @example
 * const sender = createMetaSender({ url: `${bot.url}/webhook` });
 * const report = await sender.deliver(signer.text({ from: "242061234567" }, "Bonjour"));
 * report.attempts; // 1 when the bot recorded it at once
 */
export function createMetaSender(options: MetaSenderOptions): MetaSender {
  const initialDelayMs = options.initialDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 2_000;
  const maxElapsedMs = options.maxElapsedMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const stop = new AbortController();
  const failures: Record<string, number> = {};
  let acknowledged = 0;
  let redeliveries = 0;
  let pending = 0;

  const sign = (body: string): string => {
    if (!options.appSecret) throw new Error("createMetaSender: appSecret is needed to sign an unsigned delivery");
    return `sha256=${createHmac("sha256", options.appSecret).update(body).digest("hex")}`;
  };

  const post = async (body: string, headers: Record<string, string>): Promise<number | "error"> => {
    try {
      const res = await fetch(options.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(requestTimeoutMs)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return "error";
    }
  };

  return {
    async deliver(delivery) {
      if (stop.signal.aborted) throw new DeliveryNotAcknowledgedError("the sender is closed", []);
      const { body, headers: given = {} } = typeof delivery === "string" ? { body: delivery } : delivery;
      const headers: Record<string, string> = { "content-type": "application/json", ...given };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "x-hub-signature-256")) {
        headers["x-hub-signature-256"] = sign(body);
      }
      const started = performance.now();
      const answers: Array<number | "error"> = [];
      let delayMs = initialDelayMs;
      pending++;
      try {
        for (;;) {
          if (answers.length > 0) redeliveries++;
          const answer = await post(body, headers);
          answers.push(answer);
          if (typeof answer === "number" && answer >= 200 && answer < 300) {
            acknowledged++;
            return { status: answer, attempts: answers.length, answers, elapsedMs: performance.now() - started };
          }
          failures[String(answer)] = (failures[String(answer)] ?? 0) + 1;
          const elapsed = performance.now() - started;
          if (stop.signal.aborted || elapsed + delayMs > maxElapsedMs) {
            throw new DeliveryNotAcknowledgedError(
              `delivery not acknowledged after ${answers.length} attempts in ${Math.round(elapsed)} ms (last answer: ${answer})`,
              answers,
            );
          }
          await sleep(delayMs, undefined, { signal: stop.signal }).catch(() => {});
          delayMs = Math.min(maxDelayMs, delayMs * 2);
        }
      } finally {
        pending--;
      }
    },
    get acknowledged() {
      return acknowledged;
    },
    get redeliveries() {
      return redeliveries;
    },
    get failures() {
      return { ...failures };
    },
    get pending() {
      return pending;
    },
    close() {
      stop.abort();
    },
  };
}
