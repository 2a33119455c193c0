import type { OutboxEntry } from "../delivery/types.js";
import type { ConversationOwner, HandoffTrigger, Role } from "../domain.js";

/** Languages the built-in catalogues cover: French, English and Lingala (Brazzaville's lingua franca). */
export const LOCALES = ["fr", "en", "ln"] as const;

/** A language of the replies (see {@link LOCALES}). */
export type Locale = (typeof LOCALES)[number];

/** The signed-in user attached to a session. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

/** The flow a user is in: where, what they answered so far, and how they got there. */
export interface ActiveFlow {
  id: string;
  step: string;
  /** Answers so far, JSON-serialisable. */
  data: Record<string, unknown>;
  /** Steps answered, in order, for `retour`. */
  history: string[];
  /** Failed tries on the current step. */
  attempts: number;
  startedAt: number;
  /** Flow to start when this one completes (e.g. the driver flow after sign-up). */
  then?: string;
}

/** A question the engine asked and awaits a yes/no for. */
export type PendingQuestion =
  | { kind: "switch"; flowId: string; text?: string }
  | { kind: "cancel" }
  | { kind: "resume" }
  /** "Do you want our offers?", asked after the first order while the user's marketing choice is unknown. */
  | { kind: "marketing" };

/** Everything the engine remembers about one user; JSON-serialisable. */
export interface Session {
  userId: string;
  /** Language of the replies; set by what the user writes, or by a command. */
  locale?: Locale;
  /** True once the user chose the language by a command: what they write no longer switches it. */
  localeChosen?: boolean;
  user?: SessionUser;
  /** Set by "Se déconnecter" in "Mon compte": the account is not looked up again until the user signs in. */
  signedOut?: boolean;
  flow?: ActiveFlow;
  pending?: PendingQuestion;
  /** Epoch ms of the last handled message. */
  updatedAt: number;
  /** Ids of the last inbound messages handled, so a redelivery is ignored. */
  processed: string[];
  /**
   * What the last turns decided and that is not done yet (replies to send, analytics to record),
   * committed with the session so a crash or an outage between deciding and sending loses nothing.
   */
  outbox?: OutboxEntry[];
  /**
   * A reply was given up on a permanent error: the user never saw the last question, so their next
   * message re-asks it instead of being read as its answer.
   */
  replyLost?: boolean;
  /**
   * Who owns the conversation (issue 22); absent is `bot`. While it is `waiting` or
   * `operator:<id>` the bot sends the user nothing and their messages go to the inbox.
   */
  owner?: ConversationOwner;
  /** The handoff in progress, while {@link Session.owner} is not `bot`. */
  handoff?: HandoffRecord;
  /** Turns in a row the bot did not understand; three hand the conversation to a person. */
  misses?: number;
  /**
   * The `flow_token` of the last WhatsApp Flow message sent to the user and not yet completed: the
   * only form answer accepted (once), and what a Flows data-exchange endpoint checks a token against.
   */
  flowToken?: string;
}

/** One handoff to a person, from its trigger to its hand-back. */
export interface HandoffRecord {
  trigger: HandoffTrigger;
  /** Epoch ms the customer started waiting. */
  since: number;
  /** Epoch ms an operator took it, and who. */
  takenAt?: number;
  operatorId?: string;
}

/** A session with the version it was read at (for compare-and-set writes). */
export interface StoredSession {
  session: Session;
  version: number;
}

/** Where sessions live; writes are compare-and-set on a version so a lost update is detected. */
export interface SessionStore {
  /** Reads a session and its version, or `undefined` when none (or expired). */
  load(userId: string): Promise<StoredSession | undefined>;
  /**
   * Writes `session` when the stored version still equals `expectedVersion` (0 when none existed).
   * @returns false when another writer got there first.
   */
  save(userId: string, session: Session, expectedVersion: number): Promise<boolean>;
  /** Forgets a session. */
  delete(userId: string): Promise<void>;
}

/** A lock that serialises one user's messages across processes. */
export interface UserLock {
  /** Waits for the user's lock and resolves to its release function. */
  acquire(userId: string, signal?: AbortSignal): Promise<() => Promise<void>>;
}
