import { FlowsValidationError, SessionConflictError } from "../errors.js";
import { catalogues as builtInCatalogues, type Catalogue } from "../i18n/catalogue.js";
import { type InboundMessage, toUserInput } from "../messaging/inbound.js";
import type { Messenger, SentMessage } from "../messaging/messenger.js";
import { type Reply, sendReply } from "../messaging/reply.js";
import { MemorySessionStore } from "../sessions/memory-store.js";
import type { Locale, Session, SessionStore, SessionUser, UserLock } from "../sessions/types.js";
import { type AnalyticsEvent, type AnalyticsSink, emitAnalytics } from "./analytics.js";
import { KeyedQueue } from "./keyed-queue.js";
import { type Logger, silentLogger } from "./logger.js";
import { validateEngineOptions } from "./options.js";
import { type RateLimiterLike, SlowDownNotices } from "./rate-limit.js";
import { smartUnderstanding } from "./smart-understanding.js";
import { Turn, type TurnConfig } from "./turn.js";
import { definitionOf, type Flow } from "./types.js";
import type { Understanding } from "./understanding.js";

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
}

/** What handling one inbound message did. */
export interface HandleResult {
  /**
   * `duplicate` when this message id was already handled; `failed` when a step threw
   * (e.g. the backend is down): the user got an apology and the session was left as it was;
   * `throttled` when the user went over the rate limit.
   */
  status: "handled" | "duplicate" | "failed" | "throttled";
  replies: Reply[];
  sent: SentMessage[];
  /** What went wrong, for `failed`. */
  error?: unknown;
}

const recentIds = 50;

/**
 * The conversation engine: routes each inbound message of a user through their flow,
 * one message at a time per user.
 * @example
 * const engine = createFlowEngine({ messenger: client, flows: builtInFlows({ backend: new MemoryBackend() }) });
 * for (const event of parseWebhookPayload(body)) if (event.kind === "message") await engine.handle(event);
 */
export class FlowEngine {
  readonly #messenger: Messenger;
  readonly #store: SessionStore;
  readonly #lock: UserLock | undefined;
  readonly #queue = new KeyedQueue();
  readonly #now: () => number;
  readonly #retries: number;
  readonly #analytics: AnalyticsSink | undefined;
  readonly #logger: Logger;
  readonly #config: TurnConfig;
  readonly #markAsRead: boolean;
  readonly #limiter: RateLimiterLike | undefined;
  readonly #notices = new SlowDownNotices();

  constructor(options: FlowEngineOptions) {
    validateEngineOptions(options);
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
    if (options.authFlow !== undefined && !flows.has(options.authFlow)) {
      throw new FlowsValidationError("authFlow", `no flow "${options.authFlow}" among flows`);
    }
    this.#messenger = options.messenger;
    this.#store = options.store ?? new MemorySessionStore();
    this.#lock = options.lock;
    this.#now = options.now ?? Date.now;
    this.#retries = options.maxWriteRetries ?? 5;
    this.#analytics = options.analytics;
    this.#logger = options.logger ?? silentLogger;
    this.#markAsRead = options.markAsRead ?? false;
    this.#limiter = options.rateLimiter;
    this.#config = {
      flows,
      nlu: options.nlu ?? smartUnderstanding,
      catalogues: { ...builtInCatalogues, ...options.catalogues },
      defaultLocale: options.locale ?? "fr",
      expiryMs: options.sessionExpiryMs ?? 30 * 60 * 1000,
      intentThreshold: options.intentThreshold ?? 0.75,
      maxAttempts: options.maxAttempts ?? 3,
      authFlow: options.authFlow,
      identify: options.identify,
    };
  }

  /**
   * Handles one inbound message: answers it, saves the session, sends the replies.
   * Messages of one user are handled in arrival order; a message id already handled is ignored.
   */
  handle(inbound: InboundMessage, options: { signal?: AbortSignal } = {}): Promise<HandleResult> {
    return this.#queue.run(inbound.from, async () => {
      options.signal?.throwIfAborted();
      const release = await this.#lock?.acquire(inbound.from, options.signal);
      try {
        return await this.#handleLocked(inbound);
      } finally {
        await release?.();
      }
    });
  }

  /** Drops a user's session (e.g. on a GDPR request). */
  reset(userId: string): Promise<void> {
    return this.#store.delete(userId);
  }

  async #handleLocked(inbound: InboundMessage): Promise<HandleResult> {
    const input = toUserInput(inbound.message);
    for (let attempt = 1; attempt <= this.#retries; attempt++) {
      const stored = await this.#store.load(inbound.from);
      if (stored?.session.processed.includes(inbound.id)) return { status: "duplicate", replies: [], sent: [] };
      if (attempt === 1 && this.#limiter) {
        const verdict = await this.#limiter.consume(inbound.from);
        if (!verdict.allowed) return this.#throttled(inbound, stored?.session, verdict.retryAfterMs);
      }
      if (attempt === 1 && this.#markAsRead) await this.#read(inbound.id);
      const now = this.#now();
      const session: Session = stored?.session ?? { userId: inbound.from, updatedAt: now, processed: [] };
      const events: AnalyticsEvent[] = [];
      if (!stored || (!session.flow && now - session.updatedAt > this.#config.expiryMs)) {
        events.push({ kind: "session", user: inbound.from, role: session.user?.role ?? "client" });
      }
      events.push({ kind: "message", user: inbound.from, type: inbound.message.type });
      const turn = new Turn(this.#config, session, inbound, input, now);
      try {
        await turn.run();
      } catch (error) {
        return this.#apologise(inbound, session, error);
      }
      session.updatedAt = now;
      session.processed = [...session.processed.slice(-(recentIds - 1)), inbound.id];
      if (!(await this.#store.save(inbound.from, session, stored?.version ?? 0))) {
        this.#logger.debug("flows: session changed concurrently, handling again", { attempt });
        continue;
      }
      // Replies go out only once the new state is saved: a lost race never sends twice.
      const sent: SentMessage[] = [];
      for (const r of turn.replies) sent.push(await sendReply(this.#messenger, inbound.from, r));
      await emitAnalytics(this.#analytics, [...events, ...turn.events], (err) =>
        this.#logger.warn("flows: analytics sink failed", { error: String(err) }),
      );
      return { status: "handled", replies: turn.replies, sent };
    }
    throw new SessionConflictError(inbound.from, this.#retries);
  }

  async #throttled(inbound: InboundMessage, session: Session | undefined, retryAfterMs: number): Promise<HandleResult> {
    this.#logger.warn("flows: user over the rate limit", { retryAfterMs });
    if (!this.#notices.shouldTell(inbound.from, retryAfterMs)) return { status: "throttled", replies: [], sent: [] };
    const t = this.#config.catalogues[session?.locale ?? this.#config.defaultLocale];
    const notice: Reply = { type: "text", body: t.engine.slowDown(Math.ceil(retryAfterMs / 1000)) };
    const sent = [await sendReply(this.#messenger, inbound.from, notice)];
    return { status: "throttled", replies: [notice], sent };
  }

  async #read(messageId: string): Promise<void> {
    try {
      await this.#messenger.markAsRead?.(messageId, { typing: true });
    } catch (error) {
      // A missing blue tick is not worth failing the conversation for.
      this.#logger.warn("flows: markAsRead failed", { error: String(error) });
    }
  }

  // A step failed (backend down, bug in a flow): the session is not written, so the user can
  // simply try again, and they hear why nothing happened instead of silence.
  async #apologise(inbound: InboundMessage, session: Session, error: unknown): Promise<HandleResult> {
    this.#logger.error("flows: handling failed", {
      flow: session.flow?.id,
      step: session.flow?.step,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    const locale = session.locale ?? this.#config.defaultLocale;
    const apology: Reply = { type: "text", body: this.#config.catalogues[locale].engine.technicalError };
    const sent: SentMessage[] = [];
    try {
      sent.push(await sendReply(this.#messenger, inbound.from, apology));
    } catch (sendError) {
      this.#logger.warn("flows: apology not delivered", { error: String(sendError) });
    }
    return { status: "failed", replies: [apology], sent, error };
  }
}

/** Creates a {@link FlowEngine}. */
export function createFlowEngine(options: FlowEngineOptions): FlowEngine {
  return new FlowEngine(options);
}
