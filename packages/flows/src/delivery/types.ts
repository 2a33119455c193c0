import type { AnalyticsEvent } from "../engine/analytics.js";
import type { InboundMessage } from "../messaging/inbound.js";
import type { TemplateMessage } from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";

/**
 * Inbound messages accepted but not handled yet, one ordered mailbox per user.
 * The webhook answers 2xx only once `append` resolved, so a mailbox must be durable
 * where every process can read it (`RedisMailbox`) when several processes run.
 */
export interface Mailbox {
  /**
   * Adds messages at the end of their sender's mailbox, in the given order.
   * Idempotent by message id for at least the de-duplication window: a redelivered
   * message (already queued or already handled) is not added again.
   * @returns the number of messages actually added.
   */
  append(messages: readonly InboundMessage[]): Promise<number>;
  /** The oldest message of a user's mailbox, or `undefined` when it is empty. */
  peek(userId: string): Promise<InboundMessage | undefined>;
  /** Removes the oldest message of a user's mailbox when its id is `messageId` (no-op otherwise). */
  ack(userId: string, messageId: string): Promise<void>;
}

/** What one run of a job asked for. */
export interface JobOutcome {
  /** Run the same key again after this many ms (e.g. a `Retry-After`); omitted when the work is done. */
  retryInMs?: number;
}

/** Processes one key (a user id); a rejection is retried by the queue with backoff. */
export type JobHandler = (key: string) => Promise<JobOutcome | undefined>;

/**
 * Durable "work to do" for a key, retried until it succeeds: the engine schedules a user's
 * drain here after recording a message, and again after a send must wait.
 * `MemoryJobQueue` is the in-process default; `BullMqJobQueue` (`@toktok/flows/bullmq`)
 * keeps jobs in Redis across restarts and shares them between processes.
 */
export interface JobQueue {
  /** Schedules `key` to be processed after `delayMs` (default now). Resolves once it is recorded. */
  schedule(key: string, delayMs?: number): Promise<void>;
  /** Starts handing keys to `handler`; called once by the engine. */
  process(handler: JobHandler): void;
  /** Stops taking new jobs and waits for the running ones. */
  close(): Promise<void>;
  /** Jobs waiting, delayed, running and given up, when the queue can tell. */
  counts?(): Promise<JobCounts>;
  /** Resolves when no job is running or due now (delayed retries may remain): tests, graceful stops. */
  whenIdle?(): Promise<void>;
}

/** Sizes of a {@link JobQueue}. */
export interface JobCounts {
  waiting: number;
  delayed: number;
  active: number;
  /** Jobs that failed more times than allowed (dead letters). */
  failed: number;
}

/** One thing a turn decided to do, committed with the session and done after: a reply or analytics. */
export type OutboxEntry = (
  | {
      /** `<inbound message id>#<index>`: unique per reply. */
      id: string;
      kind: "reply";
      reply: Reply;
      /** Recipient when it is not the session's user (a notification to a driver, a customer…). */
      to?: string;
      /** Sent instead when the recipient's 24-hour window is closed (131047). */
      fallback?: TemplateMessage;
      /** Done without sending when the window is closed: an earlier part's template already said it. */
      dropIfWindowClosed?: true;
      /**
       * A notice of the handoff itself ("an agent answers you"): sent even while a person owns the
       * conversation, when every other reply to the customer is dropped (issue 22).
       */
      handoff?: true;
    }
  | { id: string; kind: "analytics"; events: AnalyticsEvent[] }
) & {
  /** Failed tries so far. */
  attempts: number;
  /**
   * Epoch ms before which no other drain may take the entry: the drain that committed it sends
   * it right away (its lease), and after a failure it waits for its retry time.
   */
  notBefore: number;
};

/** What to do with a send that timed out or lost its connection after the request went out. */
export type AmbiguousSendPolicy = "resend" | "assume-sent";

/** Counters of the delivery path, for `/metrics`. */
export interface DeliveryStats {
  /** Messages recorded in a mailbox (redeliveries not counted). */
  accepted: number;
  /** Redelivered messages refused because they were already recorded or handled. */
  redeliveriesRefused: number;
  /** Inbound messages handled (a turn committed). */
  handled: number;
  /** Replies sent. */
  sent: number;
  /** Sends that failed and will be tried again. */
  retries: number;
  /** Replies given up on a permanent error (dead letters). */
  deadLetters: number;
  /** Sends whose outcome was unknown (timeout after the request went out). */
  ambiguous: number;
  /**
   * Replies dropped unsent because a person owns the recipient's conversation (decided before the
   * takeover): never delivered late.
   */
  suppressed: number;
}
