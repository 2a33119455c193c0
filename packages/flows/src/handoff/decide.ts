import type { HandoffTrigger } from "../domain.js";
import { runTurn, type TurnOutcome, type TurnRunnerDeps } from "../engine/turn-runner.js";
import type { Logger } from "../logger.js";
import { type InboundMessage, toUserInput } from "../messaging/inbound.js";
import type { Session } from "../sessions/types.js";
import { waitingText } from "./notices.js";
import { heldByPerson } from "./ownership.js";
import type { ResolvedHandoff } from "./types.js";

/** A turn's decision with what the handoff adds: the inbox must see the message, a handoff started. */
export interface HandoffDecision {
  outcome: TurnOutcome;
  /** The message goes to the inbox once committed (the conversation is, or just became, a person's). */
  toInbox: boolean;
  /** Set when this turn handed the conversation over. */
  started?: HandoffTrigger;
}

/** How many handled message ids a session remembers (as the turn runner does). */
const RECENT_IDS = 50;

/**
 * Decides one inbound message when handoff is on. A conversation a person owns gets no turn at all:
 * the message is only marked handled, for the inbox. Otherwise the customer asking for a person
 * hands over at once; else the turn runs, and a failed turn or the `maxMisses`-th not-understood
 * turn in a row hands over after its replies.
 */
export async function decideWithHandoff(
  deps: TurnRunnerDeps,
  handoff: ResolvedHandoff,
  inbound: InboundMessage,
  stored: Session | undefined,
  firstTry: boolean,
): Promise<HandoffDecision> {
  const now = deps.now();
  if (stored && heldByPerson(stored)) {
    const session: Session = { ...stored, updatedAt: now, processed: remember(stored.processed, inbound.id) };
    // The rate limit still holds: a flood does not flood the operators' inbox (and gets no notice,
    // since the bot says nothing while a person owns the conversation).
    const verdict = firstTry && deps.limiter ? await deps.limiter.consume(inbound.from) : { allowed: true };
    const status = verdict.allowed ? "handled" : "throttled";
    return { outcome: { status, session, replies: [], notifications: [], events: [] }, toInbox: verdict.allowed };
  }
  const input = toUserInput(inbound.message);
  if (input.kind === "text" && (await asksForPerson(deps, input.text, deps.logger))) {
    const base = stored ?? { userId: inbound.from, updatedAt: now, processed: [] };
    const session = handOver(
      { ...base, updatedAt: now, processed: remember(base.processed, inbound.id) },
      "asked",
      now,
    );
    const body = waitingText(deps.config, session, handoff.availability(now));
    const outcome: TurnOutcome = {
      status: "handled",
      session,
      replies: [{ type: "text", body }],
      notifications: [],
      events: [{ kind: "message", user: inbound.from, type: "text" }],
    };
    return { outcome, toInbox: true, started: "asked" };
  }
  const outcome = await runTurn(deps, inbound, stored, firstTry);
  if (outcome.status === "throttled") return { outcome, toInbox: false };
  const misses = missed(deps, stored, outcome) ? (stored?.misses ?? 0) + 1 : 0;
  const trigger: HandoffTrigger | undefined =
    outcome.status === "failed" && handoff.onFailedTurn
      ? "failed_turn"
      : handoff.maxMisses > 0 && misses >= handoff.maxMisses
        ? "not_understood"
        : undefined;
  if (trigger === undefined) {
    const session = { ...outcome.session };
    if (misses > 0) session.misses = misses;
    else delete session.misses;
    return { outcome: { ...outcome, session }, toInbox: false };
  }
  const session = handOver(outcome.session, trigger, now);
  const body = waitingText(deps.config, session, handoff.availability(now));
  return {
    outcome: { ...outcome, session, replies: [...outcome.replies, { type: "text", body }] },
    toInbox: true,
    started: trigger,
  };
}

/** The session handed to a person: waiting, with the trigger and the time, the miss count reset. */
function handOver(session: Session, trigger: HandoffTrigger, now: number): Session {
  const next: Session = { ...session, owner: "waiting", handoff: { trigger, since: now } };
  delete next.misses;
  return next;
}

async function asksForPerson(deps: TurnRunnerDeps, text: string, logger: Logger): Promise<boolean> {
  try {
    const { intent, confidence } = await deps.config.nlu.detectIntent(text);
    return intent === "human" && confidence >= deps.config.intentThreshold;
  } catch (error) {
    // The turn reads the same text next and reports a failing reader itself.
    logger.warn("flows: intent reading failed before the turn", { error: String(error) });
    return false;
  }
}

/**
 * Whether the bot did not understand this turn: it said so (`notUnderstood`), or the current step
 * refused the answer (its attempt count moved on the same step).
 */
function missed(deps: TurnRunnerDeps, before: Session | undefined, outcome: TurnOutcome): boolean {
  if (outcome.status !== "handled") return false;
  const t = deps.config.catalogues[outcome.session.locale ?? deps.config.defaultLocale];
  if (outcome.replies.some((r) => r.type === "text" && r.body === t.engine.notUnderstood)) return true;
  const a = before?.flow;
  const b = outcome.session.flow;
  return a !== undefined && b !== undefined && a.id === b.id && a.step === b.step && a.attempts !== b.attempts;
}

function remember(processed: readonly string[], id: string): string[] {
  return [...processed.slice(-(RECENT_IDS - 1)), id];
}
