import { withDeadline } from "../delivery/deadline.js";
import { MemoryJobQueue } from "../delivery/memory-job-queue.js";
import { MemoryMailbox } from "../delivery/memory-mailbox.js";
import { defaultOutboxPolicy, type OutboxPolicy } from "../delivery/outbox.js";
import type {
  AmbiguousSendPolicy,
  DeliveryStats,
  JobCounts,
  JobQueue,
  Mailbox,
  OutboxEntry,
} from "../delivery/types.js";
import { FlowsAbortError, FlowsValidationError } from "../errors.js";
import { HandoffControl } from "../handoff/control.js";
import { heldByPerson } from "../handoff/ownership.js";
import { type HandoffOptions, resolveHandoff } from "../handoff/types.js";
import { catalogues as builtInCatalogues, type Catalogue } from "../i18n/catalogue.js";
import { type Logger, silentLogger } from "../logger.js";
import type { InboundMessage } from "../messaging/inbound.js";
import type { Messenger, SentMessage } from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";
import type { MarketingConsentBook } from "../notifications/marketing-consent.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import { sessionLocales } from "../sessions/session-locales.js";
import type { Locale, SessionStore, SessionUser, UserLock } from "../sessions/types.js";
import type { AnalyticsSink } from "./analytics.js";
import { KeyedQueue } from "./keyed-queue.js";
import type { LatePaymentHandler } from "./late-payment.js";
import type { LocationHook } from "./location-hook.js";
import { resolveEngineOptions } from "./options.js";
import { type RateLimiterLike, SlowDownNotices } from "./rate-limit.js";
import { smartUnderstanding } from "./smart-understanding.js";
import type { TurnConfig } from "./turn.js";
import type { TurnRunnerDeps } from "./turn-runner.js";
import { definitionOf, type Flow } from "./types.js";
import type { Understanding } from "./understanding.js";
import { type DrainDeps, drainUser, type HandledInfo, type MessageResult } from "./user-drain.js";
import { type VoiceNoteOptions, VoiceNotes } from "./voice-note.js";

/** Options of {@link createFlowEngine}. */
export interface FlowEngineOptions {
  /** Sends the replies: a `WhatsAppClient`, or any object with the same methods. */
  messenger: Messenger;
  /** The flows users can run (see `builtInFlows` and `defineFlow`). */
  flows: Flow[];
  /** Where sessions live. Default: an in-memory store (one process). */
  store?: SessionStore;
  /** Cross-process per-user lock (e.g. `RedisUserLock`); in-process order is always kept. */
  lock?: UserLock;
  /** Default language of the replies. Default `"fr"`. */
  locale?: Locale;
  /** Replace or extend the built-in texts. */
  catalogues?: Partial<Record<Locale, Catalogue>>;
  /** Language understanding. Default: `@toktok/smart-fallback`'s deterministic functions. */
  nlu?: Understanding;
  /** Clock in epoch ms, injectable for tests. Default `Date.now`. */
  now?: () => number;
  /** Idle time after which a flow is offered to resume rather than continued. Default 30 min. */
  sessionExpiryMs?: number;
  /** Confidence from which a detected intent starts or switches a flow. Default 0.75. */
  intentThreshold?: number;
  /** Failed answers on one step before help is offered. Default 3. */
  maxAttempts?: number;
  /** Times a handling is retried when another writer changed the session. Default 5. */
  maxWriteRetries?: number;
  /** Flow that signs users in when a flow requires a role. */
  authFlow?: string;
  /** Looks up the user behind a WhatsApp number (e.g. `backend.users.findByPhone`). */
  identify?: (userId: string) => Promise<SessionUser | undefined>;
  analytics?: AnalyticsSink;
  logger?: Logger;
  /** Throttles each user (key: their WhatsApp ID); over the limit, messages are dropped with one notice. */
  rateLimiter?: RateLimiterLike;
  /** Marks each new inbound message as read, with the typing indicator, before answering. Default false. */
  markAsRead?: boolean;
  /**
   * Where accepted messages wait to be handled, in order per user. Default: in memory (one process).
   * Use `RedisMailbox` with a Redis session store so every process shares them and a restart loses none.
   */
  mailbox?: Mailbox;
  /**
   * Runs each user's backlog and retries it after failures and `Retry-After` waits.
   * Default: in memory. `BullMqJobQueue` from `@toktok/flows/bullmq` keeps jobs in Redis.
   */
  jobs?: JobQueue;
  /** How replies are retried; see docs/delivery-guarantees.md. */
  delivery?: DeliveryOptions;
  /**
   * Runs before each message's turn, e.g. an LLM pass whose answer `nlu` then reads back.
   * A rejection fails the turn (the user gets an apology), so catch what may fail harmlessly.
   */
  prepare?: (inbound: InboundMessage) => Promise<void>;
  /** Told after each message's turn was committed and its replies sent or queued (response-time metrics). */
  onHandled?: (info: HandledInfo) => void;
  /**
   * A Mobile Money payment settled after its customer left the step waiting for it (cancelled, went to the
   * menu or another flow): returns what to tell them, or `undefined` to say nothing. Without it such a
   * settlement is dropped silently — never answered with "choose an option".
   */
  onLatePayment?: LatePaymentHandler;
  /**
   * Hears every shared location before the turn, e.g. `driverPositions(dispatcher)`: a driver's location is
   * his position wherever he is in the conversation, recorded without a reply (see {@link LocationHook}).
   */
  onLocation?: LocationHook;
  /**
   * Users' marketing consent (`MarketingConsents`, or the bot's shared one): with it, a customer is asked
   * once after the first order whether they want offers, "OFFRES" opts in, and "STOP" opts out (and still
   * cancels a flow in progress). Give the same object to the notifier: `promotional_offer` goes only to
   * those who opted in.
   */
  marketing?: MarketingConsentBook;
  /**
   * Hears voice notes: each is downloaded, transcribed, echoed back ("🎤 J'ai compris : « … »") and
   * then read like the same words typed. Without it, a voice note is answered with a polite
   * request to type.
   * @example
   * voice: { transcriber: createTranscriber({ baseURL: process.env.OPENAI_BASE_URL, apiKey: process.env.OPENAI_API_KEY }) }
   */
  voice?: VoiceNoteOptions;
  /**
   * Human handoff (issue 22): the customer asking for a person, three not-understood turns in a
   * row or a failed turn hand the conversation to an operator (`engine.handoff` takes, releases
   * and requests it from outside). While a person owns it the bot sends that customer nothing and
   * each inbound message goes to `onInbound`. Without it the bot answers everything.
   */
  handoff?: HandoffOptions;
}

/** Retry policy of the outbox (the replies decided but not yet sent). */
export interface DeliveryOptions {
  /**
   * A send that timed out (or lost its connection) after the request went out may have reached the
   * user. `"resend"` (default) sends it again: a possible duplicate rather than a lost question.
   * `"assume-sent"` counts it as sent: never a duplicate, possibly a lost reply.
   */
  ambiguous?: AmbiguousSendPolicy;
  /**
   * How long the process that decided replies has to send them before another process may, in ms
   * (a process that died mid-send is replaced after this). Default 30 s.
   */
  leaseMs?: number;
  /** First delay after a failed send, in ms. Default 1 s. */
  retryBaseMs?: number;
  /**
   * Longest wait for one send, in ms, after which it counts as ambiguous (see `ambiguous`): a
   * messenger that never settles must not hold a user's conversation forever. Default 60 s.
   */
  sendTimeoutMs?: number;
  /** Longest delay between two tries when the server gave no `Retry-After`, in ms. Default 5 min. */
  retryMaxMs?: number;
  /** Called when a reply is given up on a permanent error (after it was counted and logged). */
  onDeadLetter?: (userId: string, entry: OutboxEntry, error: unknown) => void;
}

/** What handling one inbound message did. */
export interface HandleResult {
  /**
   * `duplicate` when this message id was already recorded or handled; `failed` when a step threw
   * (e.g. the backend is down): the user got an apology and the flow was left as it was;
   * `throttled` when the user went over the rate limit; `queued` when it waits behind an earlier
   * reply of the same user that cannot be sent yet (the job queue will handle it).
   */
  status: "handled" | "duplicate" | "failed" | "throttled" | "queued";
  replies: Reply[];
  /** The replies that went out during the call; the rest stay in the outbox until they can. */
  sent: SentMessage[];
  /** What went wrong, for `failed`. */
  error?: unknown;
}

/**
 * The conversation engine: routes each inbound message of a user through their flow, one message
 * at a time per user, users in parallel. A message is first recorded in the user's mailbox, then
 * handled; the session change and the replies it produces are committed together, and the replies
 * are sent from that outbox with retries, so an outage of WhatsApp, Redis or the process loses nothing.
 * @example
 * const engine = createFlowEngine({ messenger: client, flows: builtInFlows({ backend: new MemoryBackend() }) });
 * // Record before acknowledging the webhook; the engine handles and answers in the background:
 * createWebhookHandler({ appSecret, verifyToken, record: (events) => engine.accept(events) });
 */
export class FlowEngine {
  readonly #store: SessionStore;
  readonly #mailbox: Mailbox;
  readonly #jobs: JobQueue;
  readonly #queue = new KeyedQueue();
  readonly #logger: Logger;
  readonly #drain: DrainDeps;
  /** `handle()` calls in progress, by inbound message id. */
  readonly #callers = new Map<string, number>();
  readonly #stats: DeliveryStats = {
    accepted: 0,
    redeliveriesRefused: 0,
    handled: 0,
    sent: 0,
    retries: 0,
    deadLetters: 0,
    ambiguous: 0,
    suppressed: 0,
  };
  /** Who owns each conversation and how it changes; `undefined` without the `handoff` option. */
  readonly handoff: HandoffControl | undefined;

  constructor(options: FlowEngineOptions) {
    const settings = resolveEngineOptions(options);
    const flows = new Map<string, ReturnType<typeof definitionOf>>();
    options.flows.forEach((flow, i) => {
      const def = definitionOf(flow);
      if (!def) throw new FlowsValidationError(`flows.${i}`, "must come from defineFlow");
      if (flows.has(def.id)) throw new FlowsValidationError(`flows.${i}.id`, `duplicate flow id "${def.id}"`);
      const ids = new Set<string>();
      for (const step of def.steps) {
        if (ids.has(step.id))
          throw new FlowsValidationError(
            `flows.${def.id}.steps`,
            `duplicate step id "${step.id}"`,
            "FLOWS_INVALID_FLOW",
          );
        ids.add(step.id);
      }
      flows.set(def.id, def);
    });
    if (settings.authFlow !== undefined && !flows.has(settings.authFlow)) {
      throw new FlowsValidationError("authFlow", `no flow "${settings.authFlow}" among flows`);
    }
    const messenger = options.messenger;
    this.#logger = options.logger ?? silentLogger;
    this.#store = options.store ?? new MemorySessionStore();
    this.#mailbox = options.mailbox ?? new MemoryMailbox();
    this.#jobs =
      options.jobs ??
      new MemoryJobQueue({
        onError: (error) => this.#logger.warn("flows: handling will be retried", { error: String(error) }),
      });
    const config: TurnConfig = {
      flows,
      nlu: options.nlu ?? smartUnderstanding,
      catalogues: { ...builtInCatalogues, ...options.catalogues },
      defaultLocale: settings.locale,
      expiryMs: settings.sessionExpiryMs,
      intentThreshold: settings.intentThreshold,
      maxAttempts: settings.maxAttempts,
      authFlow: settings.authFlow,
      identify: options.identify,
      latePayment: options.onLatePayment,
      onLocation: options.onLocation,
      marketing: options.marketing,
      localeOf: sessionLocales(this.#store),
    };
    const now = options.now ?? Date.now;
    const turn: TurnRunnerDeps = {
      config,
      now,
      limiter: options.rateLimiter,
      notices: new SlowDownNotices(),
      markAsRead: options.markAsRead ? (id) => this.#read(messenger, id) : undefined,
      prepare: options.prepare,
      voice: new VoiceNotes(options.voice, messenger, this.#logger),
      logger: this.#logger,
    };
    const policy: OutboxPolicy = { ...defaultOutboxPolicy, ...settings.delivery };
    const handoff = options.handoff ? resolveHandoff(options.handoff) : undefined;
    const store = this.#store;
    this.#drain = {
      handoff,
      store: this.#store,
      mailbox: this.#mailbox,
      lock: options.lock,
      turn,
      outbox: {
        messenger,
        analytics: options.analytics,
        logger: this.#logger,
        stats: this.#stats,
        policy,
        // Leases and retry times are real time, whatever clock the conversation runs on.
        now: Date.now,
        ...(options.delivery?.onDeadLetter ? { onDeadLetter: options.delivery.onDeadLetter } : {}),
        // Checked right before each send: a reply decided before a takeover is dropped, never late.
        ...(handoff ? { heldByPerson: async (to: string) => heldByPerson((await store.load(to))?.session) } : {}),
      },
      stats: this.#stats,
      maxWriteRetries: settings.maxWriteRetries,
      waiting: new Map(),
      ownLeases: new Set(),
      doneUnrecorded: new Map(),
      onHandled: options.onHandled,
    };
    this.#jobs.process((userId) => this.#queue.run(userId, () => drainUser(userId, this.#drain)));
    this.handoff = handoff
      ? new HandoffControl({
          store,
          texts: config,
          handoff,
          now,
          maxWriteRetries: this.#drain.maxWriteRetries,
          schedule: (userId) => this.#jobs.schedule(userId),
          logger: this.#logger,
          stats: this.#stats,
        })
      : undefined;
  }

  /**
   * Records inbound messages for handling and returns once they are durable in the mailbox and
   * their users' jobs are scheduled: call it before acknowledging a webhook, and answer 5xx when
   * it rejects so the sender delivers again. Redeliveries are refused by message id.
   */
  async accept(messages: readonly InboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.#record(messages);
    // Every user of the delivery, even when nothing was added: a redelivery after a failed
    // schedule must still get its job.
    const users = [...new Set(messages.map((m) => m.from))];
    await Promise.all(users.map((user) => this.#jobs.schedule(user)));
  }

  /**
   * Records and handles one message now, and resolves with what was decided and sent.
   * Messages of one user are handled in arrival order; a message id already recorded is a `duplicate`.
   * Replies that cannot be sent yet stay in the outbox and are retried by the job queue.
   */
  async handle(inbound: InboundMessage, options: { signal?: AbortSignal } = {}): Promise<HandleResult> {
    FlowsAbortError.throwIfAborted(options.signal, "handle");
    const waiting = this.#drain.waiting;
    // The same id may be handled twice at once (a redelivery racing the first delivery): the slot
    // stays until the last of those calls is done, else the one that turns out a duplicate could
    // take the result away from the one that handled it.
    const callers = (this.#callers.get(inbound.id) ?? 0) + 1;
    this.#callers.set(inbound.id, callers);
    if (callers === 1) waiting.set(inbound.id, undefined);
    try {
      if ((await this.#record([inbound])) === 0) return { status: "duplicate", replies: [], sent: [] };
      let outcome: Awaited<ReturnType<typeof drainUser>>;
      try {
        outcome = await this.#queue.run(inbound.from, () => drainUser(inbound.from, this.#drain));
      } catch (error) {
        // The message is in the mailbox: the job queue takes it from here.
        await this.#jobs.schedule(inbound.from).catch(() => {});
        throw error;
      }
      if (outcome?.retryInMs !== undefined) await this.#jobs.schedule(inbound.from, outcome.retryInMs);
      return toHandleResult(waiting.get(inbound.id));
    } finally {
      const left = (this.#callers.get(inbound.id) ?? 1) - 1;
      if (left > 0) this.#callers.set(inbound.id, left);
      else {
        this.#callers.delete(inbound.id);
        waiting.delete(inbound.id);
      }
    }
  }

  /** Drops a user's session (e.g. on a GDPR request). */
  reset(userId: string): Promise<void> {
    return this.#store.delete(userId);
  }

  /** Counters of the delivery path (accepted, handled, sent, retries, dead letters…), for `/metrics`. */
  stats(): Readonly<DeliveryStats> {
    return { ...this.#stats };
  }

  /** The job queue's sizes, when it can tell (queue depth, dead letters). */
  async queueCounts(): Promise<JobCounts> {
    return (await this.#jobs.counts?.()) ?? { waiting: 0, delayed: 0, active: 0, failed: 0 };
  }

  /**
   * Resolves when every message recorded so far was handled and nothing is due now (replies
   * waiting for a retry time may remain in their outbox). For tests and graceful shutdowns.
   */
  async whenIdle(): Promise<void> {
    await this.#jobs.whenIdle?.();
  }

  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void> {
    return this.#jobs.close();
  }

  /** Appends to the mailboxes and counts what was added and what was refused as a redelivery. */
  async #record(messages: readonly InboundMessage[]): Promise<number> {
    const added = await this.#mailbox.append(messages);
    this.#stats.accepted += added;
    this.#stats.redeliveriesRefused += messages.length - added;
    return added;
  }

  async #read(messenger: Messenger, messageId: string): Promise<void> {
    // A missing blue tick is not worth failing, nor delaying, the conversation for: when WhatsApp
    // is slow or down the reply goes on after a short wait, and the receipt finishes (or not) alone.
    const receipt = Promise.resolve(messenger.markAsRead?.(messageId, { typing: true })).catch((error: unknown) => {
      this.#logger.warn("flows: markAsRead failed", { error: String(error) });
    });
    // Past the wait the turn goes on without the receipt.
    await withDeadline(receipt, READ_RECEIPT_WAIT_MS, () => undefined).catch(() => {});
  }
}

/** Longest wait for the read receipt before the turn goes on without it. */
const READ_RECEIPT_WAIT_MS = 2_000;

function toHandleResult(result: MessageResult | undefined): HandleResult {
  // Recorded but not reached: an earlier reply of this user is waiting for a retry.
  if (!result) return { status: "queued", replies: [], sent: [] };
  return result;
}

/** Creates a {@link FlowEngine}. */
export function createFlowEngine(options: FlowEngineOptions): FlowEngine {
  return new FlowEngine(options);
}
