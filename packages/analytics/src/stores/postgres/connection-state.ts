import type { Logger } from "../../logger.js";
import type { StoreStatus } from "../store.js";
import { describeError, errorSummary } from "./pg-errors.js";

/** Capped exponential backoff of the retries while PostgreSQL is down. */
export interface RetryOptions {
  /** First retry delay. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest delay between two retries. Default 30 000 ms. */
  maxDelayMs?: number;
}

/** What the state needs from the store. */
interface StateHooks {
  logger: Logger;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Runs a retry (a flush, or a probe when nothing is buffered); its outcome calls `markUp()` or `markDown()`. */
  retry: () => void;
  /** Figures added to the transition log lines. */
  figures: () => { buffered: number; dropped: number };
}

/**
 * Up/down state of the store's PostgreSQL: one log line when it goes down and
 * one when it comes back (not one per retry), and while down a single
 * unref'd timer retrying with capped exponential backoff (jittered half the delay).
 */
export class ConnectionState {
  readonly #hooks: StateHooks;
  #status: StoreStatus = "ok";
  #downSince: number | undefined;
  #lastError: string | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(hooks: StateHooks) {
    this.#hooks = hooks;
  }

  get status(): StoreStatus {
    return this.#status;
  }

  get isDown(): boolean {
    return this.#status === "down";
  }

  /** `downSince` and `lastError` while down. */
  details(): { downSince?: number; lastError?: string } {
    if (this.#status === "ok") return {};
    return {
      ...(this.#downSince === undefined ? {} : { downSince: this.#downSince }),
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
    };
  }

  /** An operation reached PostgreSQL. */
  markUp(): void {
    this.#attempt = 0;
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#status === "ok") return;
    const downForMs = Date.now() - (this.#downSince ?? Date.now());
    this.#status = "ok";
    this.#downSince = undefined;
    this.#lastError = undefined;
    this.#hooks.logger.info("analytics: PostgreSQL is reachable again; writing the buffered events", {
      downForMs,
      ...this.#hooks.figures(),
    });
  }

  /** An operation failed to reach PostgreSQL (`operation` names it): go down, retry later. */
  markDown(operation: string, error: unknown): void {
    this.#lastError = errorSummary(error);
    if (this.#status === "ok") {
      this.#status = "down";
      this.#downSince = Date.now();
      this.#hooks.logger.warn("analytics: PostgreSQL is unavailable; buffering events and retrying with backoff", {
        operation,
        error: describeError(error),
        ...this.#hooks.figures(),
      });
    }
    this.#schedule();
  }

  /** Stops retrying (the store is closed). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    const { baseDelayMs, maxDelayMs } = this.#hooks;
    const full = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    const delay = full / 2 + Math.random() * (full / 2);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#stopped) this.#hooks.retry();
    }, delay);
    this.#timer.unref();
  }
}
