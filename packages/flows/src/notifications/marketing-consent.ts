// One marketing-consent record per user: marketing templates (promotional_offer) go only to a user who
// opted in. WhatsApp's rules and the business's reputation ask for consent before marketing, and a STOP
// (Meta's "Stop promotions" button or a typed "STOP") must hold at once, whichever came last.
import { MarketingPreferences, type WebhookEvent } from "@toktok/whatsapp-client";

/** A user's marketing choice; no record means unknown (no marketing). */
export type MarketingConsentState = "opted_in" | "stopped";

/** Where a choice came from: Meta's `user_preferences` webhook, a typed word, or a tapped button. */
export type MarketingConsentSource = "webhook" | "typed" | "button";

/** The last marketing choice of one user. */
export interface MarketingConsentRecord {
  waId: string;
  state: MarketingConsentState;
  /** When the user made it: the newest choice wins, a late redelivery of an older one is ignored. */
  at: Date;
  source: MarketingConsentSource;
}

/** What the notifier's template gate reads: the user's current choice, `undefined` when unknown. */
export interface MarketingConsent {
  consentOf(waId: string): MarketingConsentState | undefined;
}

/** What the engine writes when a user answers the opt-in question or types STOP / OFFRES. */
export interface MarketingConsentBook extends MarketingConsent {
  /** Records a choice; false when a newer one is known (then nothing changes). */
  record(choice: MarketingConsentRecord): boolean;
}

/** Options of {@link MarketingConsents}. */
export interface MarketingConsentsOptions {
  /** Choices known at start, e.g. read from Redis. */
  records?: readonly MarketingConsentRecord[];
  /** Told of each choice that changed the record (to save or share it); not told of the `records` above. */
  onRecorded?: (record: MarketingConsentRecord) => void;
}

/**
 * The marketing-consent records in memory, newest choice wins. The bot shares them across processes
 * (see the delivery bot's `RedisAccountState`); alone it suits one process and tests.
 *
 * @example
 * const marketing = new MarketingConsents();
 * createEngine({ …, marketing });            // the opt-in question, OFFRES and STOP
 * createNotifier({ …, marketing });          // promotional_offer only to opted-in users
 */
export class MarketingConsents implements MarketingConsentBook {
  readonly #records = new Map<string, MarketingConsentRecord>();
  readonly #onRecorded: ((record: MarketingConsentRecord) => void) | undefined;

  constructor(options: MarketingConsentsOptions = {}) {
    for (const record of options.records ?? []) this.#keep(record);
    this.#onRecorded = options.onRecorded;
  }

  record(choice: MarketingConsentRecord): boolean {
    if (!this.#keep(choice)) return false;
    this.#onRecorded?.({ ...choice });
    return true;
  }

  /**
   * Applies Meta's `user_preferences` webhook (or the same choice as a `system` message): "stop" is
   * `stopped`, "resume" (the user asked WhatsApp for the business's promotions again) is `opted_in`.
   * Returns the record when it changed the user's; other events are ignored.
   */
  apply(event: WebhookEvent): MarketingConsentRecord | undefined {
    // whatsapp-client's reader of these events, so the webhook's shapes are read in one place.
    const reader = new MarketingPreferences();
    if (!reader.apply(event)) return undefined;
    const [choice] = reader.list();
    if (!choice) return undefined;
    const record: MarketingConsentRecord = {
      waId: choice.waId,
      state: choice.value === "stop" ? "stopped" : "opted_in",
      at: choice.at,
      source: "webhook",
    };
    return this.record(record) ? record : undefined;
  }

  /** Applies a choice read from elsewhere (another process) without telling `onRecorded`. */
  restore(choice: MarketingConsentRecord): boolean {
    return this.#keep(choice);
  }

  #keep(choice: MarketingConsentRecord): boolean {
    const known = this.#records.get(choice.waId);
    if (known && known.at > choice.at) return false;
    if (known && known.at.getTime() === choice.at.getTime() && known.state === choice.state) return false;
    this.#records.set(choice.waId, { ...choice });
    return true;
  }

  consentOf(waId: string): MarketingConsentState | undefined {
    return this.#records.get(waId)?.state;
  }

  /** The whole record of a user (when and how they chose), or `undefined` when they never did. */
  get(waId: string): MarketingConsentRecord | undefined {
    const record = this.#records.get(waId);
    return record && { ...record };
  }

  /** Every record, e.g. to save a snapshot. */
  list(): MarketingConsentRecord[] {
    return [...this.#records.values()].map((record) => ({ ...record }));
  }
}
