import { type CapturedSend, runCapturing } from "../delivery/turn-capture.js";
import type { Logger } from "../logger.js";
import { type InboundMessage, toUserInput } from "../messaging/inbound.js";
import type { Reply } from "../messaging/reply.js";
import { copyAsJson } from "../sessions/json-copy.js";
import type { Session } from "../sessions/types.js";
import type { AnalyticsEvent } from "./analytics.js";
import { recordFlowToken } from "./flow-token.js";
import type { RateLimiterLike, SlowDownNotices } from "./rate-limit.js";
import { Turn, type TurnConfig } from "./turn.js";
import type { VoiceNotes } from "./voice-note.js";

/** What {@link runTurn} needs: the resolved engine settings and a few narrow services. */
export interface TurnRunnerDeps {
  config: TurnConfig;
  now: () => number;
  limiter: RateLimiterLike | undefined;
  notices: SlowDownNotices;
  /** Blue ticks and the typing indicator; failures are the caller's to swallow. */
  markAsRead: ((messageId: string) => Promise<void>) | undefined;
  /** Work to do before a message's turn (e.g. an LLM pass the understanding reads back). */
  prepare: ((inbound: InboundMessage) => Promise<void>) | undefined;
  /** Hears voice notes (or answers that it cannot). */
  voice: VoiceNotes;
  logger: Logger;
}

/** The decision of one turn, not yet committed. */
export interface TurnOutcome {
  /** `failed`: a step threw; the session is as it was and the user gets an apology. */
  status: "handled" | "failed" | "throttled";
  /** The session to commit (a copy: the stored one is never mutated). */
  session: Session;
  replies: Reply[];
  /** Notifications the turn's steps sent to other people, to go out with the replies. */
  notifications: CapturedSend[];
  events: AnalyticsEvent[];
  error?: unknown;
}

/** How many handled message ids a session remembers to refuse redeliveries. */
const recentIds = 50;

function freshSession(userId: string, now: number): Session {
  return { userId, updatedAt: now, processed: [] };
}

/**
 * Decides one inbound message against the stored session: the rate limit, then the turn.
 * Side effects on the outside world are limited to the backend calls the flows make and
 * (on the first try only) the rate limiter and the read receipt; replies and analytics are
 * returned for the caller to commit with the session.
 */
export async function runTurn(
  deps: TurnRunnerDeps,
  inbound: InboundMessage,
  stored: Session | undefined,
  firstTry: boolean,
): Promise<TurnOutcome> {
  const now = deps.now();
  const before = stored ?? freshSession(inbound.from, now);
  const remember = (session: Session): Session => ({
    ...session,
    processed: [...session.processed.slice(-(recentIds - 1)), inbound.id],
  });
  if (firstTry && deps.limiter) {
    const verdict = await deps.limiter.consume(inbound.from);
    if (!verdict.allowed) return throttled(deps, inbound, remember(before), verdict.retryAfterMs);
  }
  if (firstTry && deps.markAsRead) await deps.markAsRead(inbound.id);
  // The turn mutates its own copy; `before` stays as stored, for a failed turn to fall back on.
  const session = copyAsJson(before);
  const events: AnalyticsEvent[] = [];
  if (!stored || (!session.flow && now - session.updatedAt > deps.config.expiryMs)) {
    events.push({ kind: "session", user: inbound.from, role: session.user?.role ?? "client" });
  }
  events.push({ kind: "message", user: inbound.from, type: inbound.message.type });
  const notifications: CapturedSend[] = [];
  let turn: Turn;
  try {
    // A voice note is read as the text it says (or answered with why it cannot be): from here on,
    // typed and spoken messages go through the same understanding.
    const reading = await deps.voice.read(inbound, before.locale ?? deps.config.defaultLocale);
    const heard: InboundMessage =
      reading?.kind === "heard" ? { ...inbound, message: { type: "text", text: reading.text } } : inbound;
    turn = new Turn(deps.config, session, heard, toUserInput(heard.message), now, reading);
    if (deps.prepare) await deps.prepare(heard);
    await runCapturing(notifications, () => turn.run());
    recordFlowToken(session, turn.replies);
  } catch (error) {
    return apologise(deps, remember(before), error);
  }
  // A driver's live location updates every few seconds: counting them as activity would keep his flow
  // from ever expiring, so only what he says or taps moves the session's clock.
  if (!turn.positionOnly) session.updatedAt = now;
  return {
    status: "handled",
    session: remember(session),
    replies: turn.replies,
    notifications,
    // Nor does a position update open a session in the figures (the clock it would start never moves).
    events: [...(turn.positionOnly ? events.filter((e) => e.kind !== "session") : events), ...turn.events],
  };
}

function throttled(deps: TurnRunnerDeps, inbound: InboundMessage, session: Session, retryAfterMs: number): TurnOutcome {
  deps.logger.warn("flows: user over the rate limit", { retryAfterMs });
  const replies: Reply[] = [];
  if (deps.notices.shouldTell(inbound.from, retryAfterMs)) {
    const t = deps.config.catalogues[session.locale ?? deps.config.defaultLocale];
    replies.push({ type: "text", body: t.engine.slowDown(Math.ceil(retryAfterMs / 1000)) });
  }
  return { status: "throttled", session, replies, notifications: [], events: [] };
}

// A step failed (backend down, bug in a flow): the flow state is left as it was, so the user can
// simply try again, and they hear why nothing happened instead of silence.
function apologise(deps: TurnRunnerDeps, session: Session, error: unknown): TurnOutcome {
  deps.logger.error("flows: handling failed", {
    flow: session.flow?.id,
    step: session.flow?.step,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  const t = deps.config.catalogues[session.locale ?? deps.config.defaultLocale];
  return {
    status: "failed",
    session,
    replies: [{ type: "text", body: t.engine.technicalError }],
    notifications: [],
    events: [],
    error,
  };
}
