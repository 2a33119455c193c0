// Who stopped marketing messages, kept current by `user_preferences` webhooks (and the same choice
// sent as a `system` message), so a promotional template is not sent to a user who asked WhatsApp to stop them.
import type { WebhookEvent } from "./types.js";

/** A user's last marketing choice. */
export interface MarketingPreference {
  waId: string;
  value: "stop" | "resume";
  /** When the user made it (Meta's timestamp). */
  at: Date;
}

/** Options of {@link MarketingPreferences}. */
export interface MarketingPreferencesOptions {
  /** Choices known at start, e.g. a snapshot saved with `list()`. */
  preferences?: readonly MarketingPreference[];
}

/**
 * In-memory store of marketing opt-outs, fed by `user_preference` events (category
 * `marketing_messages`) and `user_preference_changed` system messages. The latest choice of a user wins; a late redelivery of an older
 * choice is ignored.
 *
 * @example
 * const marketing = new MarketingPreferences();
 * createWebhookHandler({ …, onEvent: (event) => void marketing.apply(event) });
 * if (marketing.allows("242061234567")) await wa.sendTemplate(to, promotionalOffer({ … }));
 */
export class MarketingPreferences {
  readonly #choices = new Map<string, MarketingPreference>();

  constructor(options: MarketingPreferencesOptions = {}) {
    for (const choice of options.preferences ?? []) this.set(choice.waId, choice.value, choice.at);
  }

  /**
   * Applies a `user_preference` event, or the same choice sent on the `messages` field as a `system`
   * message (`systemType: "user_preference_changed"`, `marketing`); returns true when it changed the
   * user's choice. Other events are ignored.
   */
  apply(event: WebhookEvent): boolean {
    if (event.kind === "user_preference") {
      return event.category === "marketing_messages" && this.#choose(event.waId, event.value, event.timestamp);
    }
    if (event.kind === "message" && event.message.type === "system") {
      const { systemType, marketing } = event.message;
      return systemType === "user_preference_changed" && this.#choose(event.from, marketing, event.timestamp);
    }
    return false;
  }

  #choose(waId: string, value: string | undefined, at: Date): boolean {
    return value === "stop" || value === "resume" ? this.set(waId, value, at) : false;
  }

  /** Records a choice made elsewhere (a STOP typed in the chat, an operator); false when a newer one is known. */
  set(waId: string, value: "stop" | "resume", at: Date = new Date()): boolean {
    const known = this.#choices.get(waId);
    if (known && known.at > at) return false;
    const changed = known?.value !== value;
    this.#choices.set(waId, { waId, value, at });
    return changed;
  }

  /** False when the user's last choice was to stop marketing messages. */
  allows(waId: string): boolean {
    return this.#choices.get(waId)?.value !== "stop";
  }

  /** Every known choice, e.g. to save a snapshot. */
  list(): MarketingPreference[] {
    return [...this.#choices.values()].map((choice) => ({ ...choice }));
  }
}
