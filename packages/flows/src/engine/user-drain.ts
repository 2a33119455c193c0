import { type FlushResult, flushOutbox, type OutboxDeps } from "../delivery/outbox.js";
import type { DeliveryStats, JobOutcome, Mailbox, OutboxEntry } from "../delivery/types.js";
import { LockTimeoutError, SessionConflictError } from "../errors.js";
import { decideWithHandoff, type HandoffDecision } from "../handoff/decide.js";
import type { ResolvedHandoff } from "../handoff/types.js";
import type { InboundMessage } from "../messaging/inbound.js";
import type { SentMessage } from "../messaging/messenger.js";
import type { Reply } from "../messaging/reply.js";
import type { Session, SessionStore, StoredSession, UserLock } from "../sessions/types.js";
import { runTurn, type TurnOutcome, type TurnRunnerDeps } from "./turn-runner.js";

/** What handling one message did, as `handle()` reports it. */
export interface MessageResult {
  status: TurnOutcome["status"] | "duplicate";
  replies: Reply[];
  sent: SentMessage[];
  error?: unknown;
}

/** The ports one user's drain works with. */
export interface DrainDeps {
  store: SessionStore;
  mailbox: Mailbox;
  lock: UserLock | undefined;
  turn: TurnRunnerDeps;
  outbox: Omit<OutboxDeps, "onSent">;
  stats: DeliveryStats;
  maxWriteRetries: number;
  /** Results `handle()` waits for, by inbound message id; filled as the drain goes. */
  waiting: Map<string, MessageResult | undefined>;
  /**
   * Outbox entries this process committed and has not sent yet: their lease is ours, so a drain of
   * this process sends them at once (after a store error between commit and send, say) instead of
   * waiting for the lease to end as it must for another process's entries.
   */
  ownLeases: Set<string>;
  /**
   * Outbox entries this process sent (or gave up) but could not record as done because the store
   * was away: the next drain of the user in this process records them instead of sending them again.
   */
  doneUnrecorded: Map<string, { ids: Set<string>; lost: boolean }>;
  /** Told after each turn was committed and its replies sent (or left waiting in the outbox). */
  onHandled: ((info: HandledInfo) => void) | undefined;
  /** Human handoff (issue 22); `undefined`: the bot answers everything. */
  handoff: ResolvedHandoff | undefined;
}

/** What {@link DrainDeps.onHandled} reports about one message. */
export interface HandledInfo {
  userId: string;
  messageId: string;
  status: TurnOutcome["status"];
  /** From the start of its turn to its replies sent (or queued for a retry), in ms. */
  durationMs: number;
  /**
   * With `status: "failed"`: what the step threw (a `BackendError`, a send error, a model error…),
   * so a listener can count the failure by its cause. Never shown to the user.
   */
  error?: unknown;
}

/** How long to wait before looking again when another process holds the user's lock or replies. */
const BUSY_RETRY_MS = 250;

const turnOf = (entryId: string): string => entryId.slice(0, entryId.lastIndexOf("#"));

/**
 * Works through one user's backlog under their lock: first the outbox (the user sees every
 * earlier reply before anything new is decided), then the mailbox, one message at a time in
 * order, each turn committed together with the replies it produced.
 * @returns a delay when a reply must wait (throttling, outage); rejects when a store is down,
 * leaving everything in place for the job queue to try again.
 */
export async function drainUser(userId: string, deps: DrainDeps): Promise<JobOutcome | undefined> {
  let release: (() => Promise<void>) | undefined;
  try {
    release = await deps.lock?.acquire(userId);
  } catch (error) {
    if (LockTimeoutError.isInstance(error)) return { retryInMs: BUSY_RETRY_MS };
    throw error;
  }
  try {
    return await drainLocked(userId, deps);
  } finally {
    // An unreachable Redis cannot release: the lock then expires by itself.
    await release?.().catch(() => {});
  }
}

async function drainLocked(userId: string, deps: DrainDeps): Promise<JobOutcome | undefined> {
  const tried = new Set<string>();
  let conflicts = 0;
  const outboxDeps: OutboxDeps = {
    ...deps.outbox,
    // `handle()` reports the user's own replies; notifications to others are not part of its answer.
    onSent: (entry, sent) => {
      if (entry.kind === "reply" && entry.to === undefined) deps.waiting.get(turnOf(entry.id))?.sent.push(sent);
    },
  };
  // The session this drain itself just wrote, when it has nothing left to send: read back at once it
  // would be the same, so the next round goes without that read. A writer that slipped in between
  // is caught by the compare-and-set write of the next turn, as one slipping in after a read is.
  let written: StoredSession | undefined;
  for (;;) {
    const stored = written ?? (await deps.store.load(userId));
    written = undefined;
    const pending = stored?.session.outbox;
    if (stored && pending && pending.length > 0) {
      const unrecorded = deps.doneUnrecorded.get(userId);
      if (unrecorded && pending.some((e) => unrecorded.ids.has(e.id))) {
        await commitFlush(userId, stored, { removed: unrecorded.ids, remaining: [], lost: unrecorded.lost }, deps);
        deps.doneUnrecorded.delete(userId);
        continue;
      }
      const first = pending[0] as OutboxEntry;
      const waitMs = first.notBefore - deps.outbox.now();
      // Never send twice, never early. A retry time (the entry failed before: a Retry-After, a
      // backoff) is waited out in one go: looking sooner would only poll the store and the queue.
      // A lease is another drain sending now, which may be done long before it ends: look again soon.
      const ours = first.attempts === 0 && deps.ownLeases.has(first.id);
      if (waitMs > 0 && !ours) return { retryInMs: first.attempts > 0 ? waitMs : Math.min(waitMs, BUSY_RETRY_MS) };
      const flushed = await flushOutbox(userId, pending, outboxDeps);
      for (const entry of pending) deps.ownLeases.delete(entry.id);
      written = settled(await recordFlush(userId, stored, flushed, deps));
      if (flushed.retryInMs !== undefined) return { retryInMs: flushed.retryInMs };
      continue;
    }
    const head = await deps.mailbox.peek(userId);
    if (!head) return undefined;
    if (stored?.session.processed.includes(head.id)) {
      // Handled already (by another process, or before a stop that left it in the mailbox).
      await deps.mailbox.ack(userId, head.id);
      if (deps.waiting.has(head.id)) deps.waiting.set(head.id, { status: "duplicate", replies: [], sent: [] });
      continue;
    }
    const started = performance.now();
    const decision: HandoffDecision = deps.handoff
      ? await decideWithHandoff(deps.turn, deps.handoff, head, stored?.session, !tried.has(head.id))
      : { outcome: await runTurn(deps.turn, head, stored?.session, !tried.has(head.id)), toInbox: false };
    const { outcome } = decision;
    tried.add(head.id);
    const entries = entriesOf(head, outcome, deps.outbox.now() + deps.outbox.policy.leaseMs);
    // The turn that hands over was decided knowing it: its replies (the apology, "an agent will
    // answer") go out although a person owns the conversation from this write on.
    if (decision.started) for (const entry of entries) if (entry.kind === "reply") entry.handoff = true;
    const session: Session = { ...outcome.session, outbox: entries };
    const version = stored?.version ?? 0;
    if (!(await deps.store.save(userId, session, version))) {
      if (++conflicts >= deps.maxWriteRetries) throw new SessionConflictError(userId, conflicts);
      continue;
    }
    deps.stats.handled++;
    // Ours to send, within the lease that keeps other drains off them: marked before anything else
    // can fail (the ack below, say), so this process's next drain sends them without waiting it out.
    for (const entry of entries) deps.ownLeases.add(entry.id);
    await deps.mailbox.ack(userId, head.id);
    if (deps.handoff) await tellHandoff(deps.handoff, deps.turn, head, session, decision);
    if (deps.waiting.has(head.id)) {
      const result: MessageResult = { status: outcome.status, replies: outcome.replies, sent: [] };
      if (outcome.error !== undefined) result.error = outcome.error;
      deps.waiting.set(head.id, result);
    }
    const flushed = await flushOutbox(userId, entries, outboxDeps);
    for (const entry of entries) deps.ownLeases.delete(entry.id);
    written = settled(await recordFlush(userId, { session, version: version + 1 }, flushed, deps));
    const durationMs = performance.now() - started;
    const info: HandledInfo = { userId, messageId: head.id, status: outcome.status, durationMs };
    if (outcome.error !== undefined) info.error = outcome.error;
    deps.onHandled?.(info);
    if (flushed.retryInMs !== undefined) return { retryInMs: flushed.retryInMs };
  }
}

/** The inbox hears a committed message of a person's conversation, and a handoff that just started. */
async function tellHandoff(
  handoff: ResolvedHandoff,
  turn: TurnRunnerDeps,
  inbound: InboundMessage,
  session: Session,
  decision: HandoffDecision,
): Promise<void> {
  const warn = (error: unknown) => turn.logger.warn("flows: handoff listener failed", { error: String(error) });
  if (decision.started) {
    try {
      await handoff.onChange?.({ kind: "requested", userId: inbound.from, trigger: decision.started, at: turn.now() });
    } catch (error) {
      warn(error);
    }
  }
  if (decision.toInbox) {
    try {
      await handoff.onInbound?.(inbound, session.owner ?? "bot");
    } catch (error) {
      warn(error);
    }
  }
}

/** Analytics first (they record what happened, whatever the sends do), then replies and notifications in order. */
function entriesOf(inbound: InboundMessage, outcome: TurnOutcome, notBefore: number): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  if (outcome.events.length > 0) {
    entries.push({ id: `${inbound.id}#a`, kind: "analytics", events: outcome.events, attempts: 0, notBefore });
  }
  // The sender's own replies first, then the notifications: a customer reads "✅ Commande envoyée"
  // before the tracking card the order's notification brings them (issue 24).
  outcome.replies.forEach((reply, i) => {
    entries.push({ id: `${inbound.id}#${i}`, kind: "reply", reply, attempts: 0, notBefore });
  });
  outcome.notifications.forEach((send, i) => {
    entries.push({ id: `${inbound.id}#n${i}`, kind: "reply", ...send, attempts: 0, notBefore });
  });
  return entries;
}

/** A session written with nothing left in its outbox, or `undefined`. */
const settled = (stored: StoredSession | undefined): StoredSession | undefined =>
  stored && !stored.session.outbox?.length ? stored : undefined;

/** How long a drain keeps trying to record sent replies while the store is away: well inside the lease. */
const RECORD_RETRY_MS = [100, 200, 400, 800, 1_600, 3_200, 6_400];

/**
 * Records what a flush did. Replies went out: forgetting that would send them again, so while the
 * store is away the drain keeps trying for a while (other drains stay off them for the lease), then
 * remembers them in this process and rethrows (the job queue retries the drain).
 * @returns the session as now stored (`undefined` when it was deleted meanwhile).
 */
async function recordFlush(
  userId: string,
  stored: StoredSession,
  flushed: FlushResult,
  deps: DrainDeps,
): Promise<StoredSession | undefined> {
  if (flushed.removed.size === 0 && flushed.remaining.length === 0 && !flushed.lost) return stored;
  for (let attempt = 0; ; attempt++) {
    try {
      return await commitFlush(userId, stored, flushed, deps);
    } catch (error) {
      const delay = RECORD_RETRY_MS[attempt];
      if (delay === undefined || SessionConflictError.isInstance(error)) {
        const previous = deps.doneUnrecorded.get(userId);
        deps.doneUnrecorded.set(userId, {
          ids: new Set([...(previous?.ids ?? []), ...flushed.removed]),
          lost: (previous?.lost ?? false) || flushed.lost,
        });
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      // The version may have moved while we waited: read it again (a failure here retries too).
      stored = (await deps.store.load(userId).catch(() => stored)) ?? stored;
    }
  }
}

/** Writes what a flush did; on a concurrent write, applies the same removals to the newer session. */
async function commitFlush(
  userId: string,
  first: StoredSession,
  flushed: FlushResult,
  deps: DrainDeps,
): Promise<StoredSession | undefined> {
  const updated = new Map(flushed.remaining.map((e) => [e.id, e]));
  let stored: StoredSession | undefined = first;
  for (let attempt = 0; attempt < deps.maxWriteRetries; attempt++) {
    if (!stored) return undefined;
    const session: Session = { ...stored.session };
    const outbox = (session.outbox ?? []).filter((e) => !flushed.removed.has(e.id)).map((e) => updated.get(e.id) ?? e);
    if (outbox.length > 0) session.outbox = outbox;
    else delete session.outbox;
    if (flushed.lost) session.replyLost = true;
    if (await deps.store.save(userId, session, stored.version)) return { session, version: stored.version + 1 };
    stored = await deps.store.load(userId);
  }
  throw new SessionConflictError(userId, deps.maxWriteRetries);
}
