/** What the relay did for an event, kept to answer its duplicates. */
export interface RelayOutcome {
  messageIds: string[];
  usedTemplate: boolean;
}

/** The state of an event id when a request claims it. */
export type Claim = { state: "new" } | { state: "processing" } | { state: "done"; outcome: RelayOutcome };

/**
 * Remembers event ids so each event is notified once: `begin` claims an id atomically,
 * `complete` records the outcome, `release` frees the id after a failure so a retry can send.
 */
export interface IdempotencyStore {
  begin(eventId: string, ttlMs: number): Promise<Claim>;
  complete(eventId: string, outcome: RelayOutcome, ttlMs: number): Promise<void>;
  release(eventId: string): Promise<void>;
  close?(): Promise<void>;
}
