import type { DeliveryStats, OutboxEntry } from "../delivery/types.js";
import { type ConversationOwner, type HandoffTrigger, operatorOf, ownershipStateOf } from "../domain.js";
import { SessionConflictError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Session, SessionStore } from "../sessions/types.js";
import { handoffTexts, type NoticeTexts, noticeEntry, waitingText } from "./notices.js";
import { ownerOf } from "./ownership.js";
import type { HandoffChange, ResolvedHandoff } from "./types.js";

/** What an ownership change answered: the new owner, or why it did not happen and who owns it. */
export type OwnershipResult =
  | { ok: true; owner: ConversationOwner }
  | { ok: false; reason: "taken" | "not_held"; owner: ConversationOwner };

/** What {@link HandoffControl} works with; the engine builds it. */
export interface HandoffControlDeps {
  store: SessionStore;
  texts: NoticeTexts;
  handoff: ResolvedHandoff;
  now: () => number;
  maxWriteRetries: number;
  /** Schedules a drain of the user, which sends the notice committed with the change. */
  schedule: (userId: string) => Promise<void>;
  logger: Logger;
  /** Counts the customer's replies dropped because a person took the conversation. */
  stats: DeliveryStats;
}

/**
 * Changes who owns a conversation from outside a turn (the dashboard, a backend): each change is a
 * compare-and-set write of the session, so it is atomic across processes — of two operators taking
 * the same customer at once exactly one wins — and the customer's notice ("Awa answers you", "back
 * to the bot") is committed in the same write, then sent by the user's drain like any reply.
 */
export class HandoffControl {
  readonly #deps: HandoffControlDeps;

  constructor(deps: HandoffControlDeps) {
    this.#deps = deps;
  }

  /** Who owns the conversation (`bot` for an unknown user). */
  async owner(userId: string): Promise<ConversationOwner> {
    return ownerOf((await this.#deps.store.load(userId))?.session);
  }

  /** Hands the conversation to a person (a stuck mission, a failed payment); the customer is told to wait. */
  request(userId: string, trigger: HandoffTrigger = "api"): Promise<OwnershipResult> {
    return this.#change(userId, (session, now) => {
      if (ownershipStateOf(session.owner) !== "bot") return { ok: false, reason: "taken", owner: ownerOf(session) };
      const next: Session = { ...session, owner: "waiting", handoff: { trigger, since: now } };
      delete next.misses;
      const body = waitingText(this.#deps.texts, session, this.#deps.handoff.availability(now));
      return { next, notice: body, change: { kind: "requested", userId, trigger, at: now } };
    });
  }

  /**
   * An operator takes the conversation. Only a conversation the bot or nobody owns can be taken,
   * unless `reassign` (an admin moving it to another operator); the customer hears the first name.
   */
  take(
    userId: string,
    operator: { id: string; firstName: string },
    options: { reassign?: boolean } = {},
  ): Promise<OwnershipResult> {
    return this.#change(userId, (session, now) => {
      const current = ownerOf(session);
      const owner: ConversationOwner = `operator:${operator.id}`;
      if (current === owner) return { ok: false, reason: "taken", owner: current };
      if (ownershipStateOf(current) === "operator" && !options.reassign)
        return { ok: false, reason: "taken", owner: current };
      const since = session.handoff?.since ?? now;
      const next: Session = {
        ...session,
        owner,
        handoff: { trigger: session.handoff?.trigger ?? "api", since, takenAt: now, operatorId: operator.id },
      };
      delete next.misses;
      const body = handoffTexts(this.#deps.texts, session).operatorJoined(operator.firstName);
      return {
        next,
        notice: body,
        change: { kind: "taken", userId, operatorId: operator.id, previous: current, since, at: now },
      };
    });
  }

  /**
   * Gives the conversation back to the bot (an operator's hand-back, the mission delivered, idle);
   * the customer is told once. `not_held` when the bot owns it already.
   */
  release(userId: string, reason = "operator"): Promise<OwnershipResult> {
    return this.#change(userId, (session, now) => {
      if (ownershipStateOf(session.owner) === "bot") return { ok: false, reason: "not_held", owner: "bot" };
      const operatorId = operatorOf(session.owner);
      const since = session.handoff?.since ?? now;
      const next: Session = { ...session, owner: "bot" };
      delete next.handoff;
      delete next.misses;
      const body = handoffTexts(this.#deps.texts, session).backToBot;
      const change: HandoffChange = {
        kind: "released",
        userId,
        reason,
        since,
        at: now,
        ...(operatorId ? { operatorId } : {}),
      };
      return { next, notice: body, change };
    });
  }

  async #change(
    userId: string,
    decide: (
      session: Session,
      now: number,
    ) => { next: Session; notice: string; change: HandoffChange } | Extract<OwnershipResult, { ok: false }>,
  ): Promise<OwnershipResult> {
    const { store, maxWriteRetries } = this.#deps;
    for (let attempt = 0; attempt < maxWriteRetries; attempt++) {
      const stored = await store.load(userId);
      const now = this.#deps.now();
      const session: Session = stored?.session ?? { userId, updatedAt: now, processed: [] };
      const decided = decide(session, now);
      if ("ok" in decided) return decided;
      const entry = noticeEntry(`handoff:${decided.change.kind}:${now}:${attempt}`, decided.notice);
      // Replies the bot decided for this customer and has not sent are dropped with the change, so
      // none arrives late, after the hand-back. Analytics and notifications to others stay.
      const kept = (session.outbox ?? []).filter(keepOnHandoff);
      const dropped = (session.outbox?.length ?? 0) - kept.length;
      const next: Session = { ...decided.next, outbox: [...kept, entry] };
      if (!(await store.save(userId, next, stored?.version ?? 0))) continue;
      this.#deps.stats.suppressed += dropped;
      await this.#deps.schedule(userId);
      try {
        await this.#deps.handoff.onChange?.(decided.change);
      } catch (error) {
        this.#deps.logger.warn("flows: handoff onChange failed", { error: String(error) });
      }
      return { ok: true, owner: next.owner ?? "bot" };
    }
    throw new SessionConflictError(userId, maxWriteRetries);
  }
}

/** An outbox entry that survives an ownership change: not a bot reply to the customer. */
const keepOnHandoff = (entry: OutboxEntry): boolean =>
  entry.kind === "analytics" || entry.to !== undefined || entry.handoff === true;
