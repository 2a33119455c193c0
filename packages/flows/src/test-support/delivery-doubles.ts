// Test doubles of the delivery path: a messenger that fails, stalls or hangs on demand, and a
// job queue the test drives by hand. Shared by the delivery unit and integration tests.
import type { JobHandler, JobOutcome, JobQueue } from "../delivery/types.js";
import type { ContactCard, ListSection, ReplyButton, SentMessage, TemplateMessage } from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";
import { RecordingMessenger, textOf } from "../testing/recording-messenger.js";

/** One call to a send method, whatever came of it. */
export interface SendAttempt {
  to: string;
  text: string;
  outcome: "sent" | "failed" | "hung";
}

interface Fault {
  match: (to: string, reply: Reply) => boolean;
  error: unknown;
  times: number;
}

/**
 * A {@link RecordingMessenger} with faults: sends that match a rule reject (Graph down, throttled,
 * a closed window…), take `delayMs`, or never settle (`hang`). `sent` holds what reached WhatsApp;
 * `attempts` every try, failed ones included.
 */
export class FlakyMessenger extends RecordingMessenger {
  readonly attempts: SendAttempt[] = [];
  /** Each send takes this long before it succeeds or fails. */
  delayMs = 0;
  /** When true, sends never settle: a process stuck mid-send. */
  hang = false;
  /** Most sends in flight at once. */
  maxInFlight = 0;
  #inFlight = 0;
  readonly #faults: Fault[] = [];
  #plan: (() => unknown) | undefined;

  /**
   * Makes the sends that `match` reject with `error`, at most `times` times.
   * @returns a function that lifts the fault (recovery).
   */
  failWhen(match: Fault["match"], error: unknown, times = Number.POSITIVE_INFINITY): () => void {
    const fault: Fault = { match, error, times };
    this.#faults.push(fault);
    return () => {
      fault.times = 0;
    };
  }

  /** Sends to `to` fail with `error` until the returned function is called. */
  failFor(to: string, error: unknown): () => void {
    return this.failWhen((recipient) => recipient === to, error);
  }

  /** The n-th send attempt from now rejects with `plan[n]`; an `undefined` item lets it through. */
  failPlan(plan: readonly unknown[]): void {
    let n = 0;
    this.#plan = () => plan[n++];
  }

  /** Attempts that failed so far. */
  get failures(): number {
    return this.attempts.filter((a) => a.outcome === "failed").length;
  }

  async #gate(to: string, reply: Reply, send: () => Promise<SentMessage>): Promise<SentMessage> {
    const attempt: SendAttempt = { to, text: textOf(reply), outcome: "hung" };
    this.attempts.push(attempt);
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    try {
      if (this.hang) await new Promise<never>(() => {});
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const planned = this.#plan?.();
      if (planned !== undefined) {
        attempt.outcome = "failed";
        throw planned;
      }
      const fault = this.#faults.find((f) => f.times > 0 && f.match(to, reply));
      if (fault) {
        fault.times--;
        attempt.outcome = "failed";
        throw fault.error;
      }
      const sent = await send();
      attempt.outcome = "sent";
      return sent;
    } finally {
      this.#inFlight--;
    }
  }

  override sendText(to: string, body: string): Promise<SentMessage> {
    return this.#gate(to, { type: "text", body }, () => super.sendText(to, body));
  }

  override sendReplyButtons(
    to: string,
    message: { body: string; buttons: ReplyButton[]; header?: string; footer?: string },
  ): Promise<SentMessage> {
    return this.#gate(to, { type: "buttons", ...message }, () => super.sendReplyButtons(to, message));
  }

  override sendList(
    to: string,
    message: { body: string; button: string; sections: ListSection[]; header?: string; footer?: string },
  ): Promise<SentMessage> {
    return this.#gate(to, { type: "list", ...message }, () => super.sendList(to, message));
  }

  override sendImage(to: string, media: { link: string; caption?: string }): Promise<SentMessage> {
    return this.#gate(to, { type: "image", ...media }, () => super.sendImage(to, media));
  }

  override sendLocationRequest(to: string, body: string): Promise<SentMessage> {
    return this.#gate(to, { type: "location_request", body }, () => super.sendLocationRequest(to, body));
  }

  override sendContacts(to: string, contacts: ContactCard[]): Promise<SentMessage> {
    return this.#gate(to, { type: "contacts", contacts }, () => super.sendContacts(to, contacts));
  }

  override sendTemplate(to: string, template: TemplateMessage): Promise<SentMessage> {
    return this.#gate(to, { type: "template", template }, () => super.sendTemplate(to, template));
  }
}

/**
 * A {@link JobQueue} that only records: the test runs the engine's handler itself, as the queue
 * would once a job is due, and reads the delays the engine asked for.
 */
export class ManualJobQueue implements JobQueue {
  /** Every job asked for, by the engine (`schedule`) or by a run's `retryInMs`, in order. */
  readonly scheduled: Array<{ key: string; delayMs: number }> = [];
  readonly #advance: (ms: number) => void;
  #next = 0;
  #handler: JobHandler | undefined;

  /** @param advance moves the clock the delivery path reads (`Date.now`) forward. */
  constructor(advance: (ms: number) => void) {
    this.#advance = advance;
  }

  async schedule(key: string, delayMs = 0): Promise<void> {
    this.scheduled.push({ key, delayMs });
  }

  process(handler: JobHandler): void {
    this.#handler = handler;
  }

  async close(): Promise<void> {}

  /** One run of `key`'s job, now. */
  run(key: string): Promise<JobOutcome | undefined> {
    if (!this.#handler) throw new Error("no handler: the engine was not created with this queue");
    return this.#handler(key);
  }

  /**
   * Plays the queue: runs each job not run yet once its delay has passed on the clock, in order,
   * re-queueing the runs that ask for a retry, until none is left.
   */
  async runAll(limit = 10_000): Promise<void> {
    while (this.#next < this.scheduled.length) {
      if (--limit < 0) throw new Error("the jobs never settle");
      const job = this.scheduled[this.#next++] as { key: string; delayMs: number };
      this.#advance(job.delayMs);
      const outcome = await this.run(job.key);
      if (outcome?.retryInMs !== undefined) this.scheduled.push({ key: job.key, delayMs: outcome.retryInMs });
    }
  }
}
