import { type AnalyticsSink, emitAnalytics } from "../engine/analytics.js";
import type { Logger } from "../logger.js";
import { isOutsideWindowError, type Messenger, type SentMessage } from "../messaging/messenger.js";
import { sendReply } from "../messaging/reply.js";
import { backoffMs } from "./backoff.js";
import { withDeadline } from "./deadline.js";
import { classifySendFailure } from "./send-failure.js";
import type { AmbiguousSendPolicy, DeliveryStats, OutboxEntry } from "./types.js";

/** How the outbox retries; resolved once by the engine. */
export interface OutboxPolicy {
  ambiguous: AmbiguousSendPolicy;
  /** How long the drain that committed replies has to send them before another drain may. */
  leaseMs: number;
  /** Longest wait for one send before it counts as ambiguous. */
  sendTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Tries of an error that does not say whether it is retryable before it counts as permanent. */
  maxUnknownAttempts: number;
}

/** Defaults of {@link OutboxPolicy}: one owner for them. */
export const defaultOutboxPolicy: OutboxPolicy = {
  ambiguous: "resend",
  leaseMs: 30_000,
  sendTimeoutMs: 60_000,
  retryBaseMs: 1_000,
  retryMaxMs: 5 * 60_000,
  maxUnknownAttempts: 10,
};

/** What the outbox needs: where to send and record, and where to report. */
export interface OutboxDeps {
  messenger: Messenger;
  analytics: AnalyticsSink | undefined;
  logger: Logger;
  stats: DeliveryStats;
  policy: OutboxPolicy;
  now: () => number;
  /** A reply went out. */
  onSent?: (entry: OutboxEntry, sent: SentMessage) => void;
  /** A reply was given up on a permanent error. */
  onDeadLetter?: (userId: string, entry: OutboxEntry, error: unknown) => void;
  /**
   * Whether a person owns the recipient's conversation, asked right before each send: a reply the
   * bot decided before a takeover is then dropped and counted, not sent (handoff notices aside).
   */
  heldByPerson?: (recipient: string) => Promise<boolean>;
}

/** What {@link flushOutbox} did. */
export interface FlushResult {
  /** Ids of the entries done (sent, recorded, or given up). */
  removed: Set<string>;
  /** The entries left, in order, with their attempt counts updated. */
  remaining: OutboxEntry[];
  /** Set when the first remaining entry must wait this long before the next try. */
  retryInMs?: number;
  /** True when a reply was given up: the user missed a message. */
  lost: boolean;
}

/**
 * Does the entries in order until one must wait: sends replies, records analytics.
 * Never throws for a send failure: a retryable one stops the flush (order is kept, so later
 * replies wait too), a permanent one is counted, reported and skipped.
 */
export async function flushOutbox(userId: string, entries: OutboxEntry[], deps: OutboxDeps): Promise<FlushResult> {
  const removed = new Set<string>();
  let lost = false;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as OutboxEntry;
    if (entry.kind === "analytics") {
      await emitAnalytics(deps.analytics, entry.events, (err) =>
        deps.logger.warn("flows: analytics sink failed", { error: String(err) }),
      );
      removed.add(entry.id);
      continue;
    }
    if (entry.handoff !== true && (await deps.heldByPerson?.(entry.to ?? userId))) {
      deps.stats.suppressed++;
      deps.logger.info("flows: reply dropped, a person owns the conversation", { entry: entry.id });
      removed.add(entry.id);
      continue;
    }
    try {
      const ms = deps.policy.sendTimeoutMs;
      const sent = await withDeadline(send(deps.messenger, userId, entry), ms, () => new SendTimeoutError(ms));
      removed.add(entry.id);
      if (sent !== undefined) {
        deps.stats.sent++;
        deps.onSent?.(entry, sent);
      }
    } catch (error) {
      const failure = classifySendFailure(error);
      const attempts = entry.attempts + 1;
      const giveUp =
        failure.kind === "permanent" ||
        (failure.kind === "retry" && failure.unknown === true && attempts >= deps.policy.maxUnknownAttempts);
      if (giveUp) {
        deps.stats.deadLetters++;
        deps.logger.error("flows: reply given up", { entry: entry.id, attempts, error: describe(error) });
        deps.onDeadLetter?.(userId, entry, error);
        removed.add(entry.id);
        // Only the session's own user can be re-asked; a notification to someone else is just lost.
        if (entry.to === undefined) lost = true;
        continue;
      }
      if (failure.kind === "ambiguous") {
        deps.stats.ambiguous++;
        if (deps.policy.ambiguous === "assume-sent") {
          deps.logger.warn("flows: send outcome unknown, counted as sent", { entry: entry.id });
          removed.add(entry.id);
          continue;
        }
      }
      deps.stats.retries++;
      const serverDelay = failure.kind === "retry" ? failure.afterMs : undefined;
      const retryInMs = serverDelay ?? backoffMs(entry.attempts, deps.policy.retryBaseMs, deps.policy.retryMaxMs);
      deps.logger.warn("flows: reply not sent yet, will retry", {
        entry: entry.id,
        attempts,
        retryInMs,
        error: describe(error),
      });
      const remaining = [{ ...entry, attempts, notBefore: deps.now() + retryInMs }, ...entries.slice(i + 1)];
      return { removed, remaining, retryInMs, lost };
    }
  }
  return { removed, remaining: [], lost };
}

/**
 * Sends an entry to its recipient. A closed 24-hour window switches to the entry's template, or
 * drops a later part of a notification whose template already went out (`undefined`).
 */
async function send(
  messenger: Messenger,
  userId: string,
  entry: Extract<OutboxEntry, { kind: "reply" }>,
): Promise<SentMessage | undefined> {
  const to = entry.to ?? userId;
  try {
    return await sendReply(messenger, to, entry.reply);
  } catch (error) {
    if (!isOutsideWindowError(error)) throw error;
    if (entry.fallback) return messenger.sendTemplate(to, entry.fallback);
    if (entry.dropIfWindowClosed) return undefined;
    throw error;
  }
}

/** A send that did not settle in time: it may still reach the user, so it is ambiguous. */
class SendTimeoutError extends Error {
  readonly ambiguous = true;
  constructor(ms: number) {
    super(`send did not settle within ${ms} ms`);
    this.name = "SendTimeoutError";
  }
}

/** The error's kind and code only: a message body or a phone number never reaches the logs. */
function describe(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const e = error as { name?: unknown; code?: unknown; status?: unknown };
  return [e.name, e.code, e.status].filter((x) => x !== undefined).join(" ");
}
