/** What the relay did for an event, kept to answer its duplicates. */
export interface RelayOutcome {
  messageIds: string[];
  usedTemplate: boolean;
}

/**
 * The state of an event id when a request tries to claim it.
 * - `new`: this request holds the processing lease (`token`); `parts` are the parts of the
 *   notification an earlier attempt already sent (part key → WhatsApp message id).
 * - `processing`: another worker holds an unexpired lease; it ends in `retryAfterMs` at most.
 * - `done`: the event was fully notified; `outcome` answers the duplicate.
 */
export type Claim =
  | { state: "new"; token: string; parts: Record<string, string> }
  | { state: "processing"; retryAfterMs: number }
  | { state: "done"; outcome: RelayOutcome };

/** Durations of a claim. */
export interface ClaimTimes {
  /** Processing lease: how long the claim holds without renewal (a few seconds). */
  leaseMs: number;
  /** How long the event (its parts, then its outcome) is remembered (24 h by default). */
  ttlMs: number;
}

/**
 * Remembers event ids so each event, and each part of its notification, is sent once.
 *
 * - `begin` claims the id with a short lease, atomically, unless it is done or leased by someone else.
 * - `renew` extends the lease, `complete` records the outcome and `release` drops the lease — each only
 *   when `token` still owns it, so a worker whose lease expired and was re-taken changes nothing.
 * - `recordPart` remembers one sent part at once, first write wins, whoever holds the lease: a message
 *   that went out is a fact the next attempt must know about.
 *
 * Implementations throw `StoreUnavailableError` when they cannot answer.
 */
export interface IdempotencyStore {
  begin(eventId: string, times: ClaimTimes): Promise<Claim>;
  /** `false` when the lease is no longer this token's (taken over, or the event is done). */
  renew(eventId: string, token: string, leaseMs: number): Promise<boolean>;
  recordPart(eventId: string, part: string, messageId: string, ttlMs: number): Promise<void>;
  /** `false` when the lease is no longer this token's: the outcome was not written. */
  complete(eventId: string, token: string, outcome: RelayOutcome, ttlMs: number): Promise<boolean>;
  /** Drops the lease (keeps the recorded parts) so a retry can claim at once. */
  release(eventId: string, token: string): Promise<void>;
  /** Resolves when the store answers; rejects otherwise (health checks). */
  ping?(): Promise<void>;
  close?(): Promise<void>;
}
