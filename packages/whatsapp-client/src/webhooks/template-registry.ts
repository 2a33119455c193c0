// What the business knows of its templates, kept current by the template webhooks, so a sender
// can skip a template Meta paused, disabled, rejected or rated RED and fall back.
import type { WebhookEvent } from "./types.js";

/** Statuses under which Meta refuses (or will refuse) to send a template. */
const UNUSABLE_STATUSES: ReadonlySet<string> = new Set([
  "PAUSED",
  "DISABLED",
  "REJECTED",
  "PENDING",
  "IN_APPEAL",
  "PENDING_DELETION",
  "DELETED",
  "ARCHIVED",
]);

/** What the registry knows of one template (one name in one language). */
export interface TemplateState {
  name: string;
  language: string;
  id?: string;
  /** Last status Meta reported (`APPROVED`, `PAUSED`…). */
  status?: string;
  /** Last quality score (`GREEN`, `YELLOW`, `RED`, `UNKNOWN`). */
  qualityScore?: string;
  category?: string;
  /** Why the last status was given (a rejection reason, a pause title). */
  reason?: string;
  /** When the latest applied change happened. */
  updatedAt?: Date;
}

/**
 * A template to seed the registry with: an item of `listTemplates().data` or of `list()` fits as is.
 */
export interface TemplateSeed {
  name: string;
  language: string;
  id?: string;
  status?: string;
  qualityScore?: string | undefined;
  category?: string;
}

/** Options of {@link TemplateRegistry}. */
export interface TemplateRegistryOptions {
  /** Templates known at start: `(await wa.listTemplates()).data`, or a snapshot saved with `list()`. */
  templates?: readonly TemplateSeed[];
}

/** Meta writes a locale `en_US` in one payload and `en-US` in another: one key for both. */
const keyOf = (name: string, language: string): string => `${name}\u0000${language.replaceAll("-", "_").toLowerCase()}`;

/** The three things a webhook can change, each with its own clock. */
type Aspect = "status" | "quality" | "category";
const ASPECT = { template_status: "status", template_quality: "quality", template_category: "category" } as const;

/**
 * In-memory registry of template health, fed by `template_status`, `template_quality` and
 * `template_category` events. A change older than the one already applied (a late redelivery)
 * is ignored, so a pause redelivered after the reinstatement does not pause the template again.
 *
 * @example
 * const templates = new TemplateRegistry();
 * createWebhookHandler({ …, onEvent: (event) => void templates.apply(event) });
 * if (!templates.isUsable("promotional_offer", "fr")) await wa.sendText(to, fallbackText);
 */
export class TemplateRegistry {
  readonly #templates = new Map<string, TemplateState>();
  /** When each aspect of each template last changed, to refuse late redeliveries. */
  readonly #clocks = new Map<string, Partial<Record<Aspect, Date>>>();

  constructor(options: TemplateRegistryOptions = {}) {
    for (const seed of options.templates ?? []) this.set(seed);
  }

  /** Records what the management API says of a template (replacing status, quality and category given). */
  set(seed: TemplateSeed): void {
    const state = this.#entry(seed.name, seed.language);
    if (seed.id !== undefined) state.id = seed.id;
    if (seed.status !== undefined) state.status = seed.status;
    if (seed.qualityScore !== undefined) state.qualityScore = seed.qualityScore;
    if (seed.category !== undefined) state.category = seed.category;
  }

  /**
   * Applies a template webhook event; returns true when it changed what the registry knows.
   * Other events are ignored, so every event of a delivery can be handed over.
   */
  apply(event: WebhookEvent): boolean {
    if (event.kind !== "template_status" && event.kind !== "template_quality" && event.kind !== "template_category") {
      return false;
    }
    const state = this.#entry(event.templateName, event.language);
    const aspect = ASPECT[event.kind];
    const key = keyOf(event.templateName, event.language);
    const clocks = this.#clocks.get(key) ?? {};
    const last = clocks[aspect];
    if (event.timestamp && last && event.timestamp < last) return false;
    if (event.timestamp) {
      clocks[aspect] = event.timestamp;
      this.#clocks.set(key, clocks);
    }
    const before = `${state.status}|${state.qualityScore}|${state.category}|${state.reason}`;
    state.id = event.templateId;
    if (event.timestamp && (!state.updatedAt || event.timestamp > state.updatedAt)) state.updatedAt = event.timestamp;
    if (event.kind === "template_status") {
      state.status = event.status;
      const reason = event.title ?? event.reason;
      if (reason === undefined) delete state.reason;
      else state.reason = reason;
      if (event.category !== undefined) state.category = event.category;
    } else if (event.kind === "template_quality") {
      state.qualityScore = event.quality;
    } else {
      state.category = event.category;
    }
    return before !== `${state.status}|${state.qualityScore}|${state.category}|${state.reason}`;
  }

  /** What is known of a template, or `undefined`. */
  get(name: string, language: string): TemplateState | undefined {
    const state = this.#templates.get(keyOf(name, language));
    return state ? { ...state } : undefined;
  }

  /**
   * False when Meta paused, disabled, rejected (or has not approved, or deleted) the template, or rated it
   * RED; true otherwise, including for a template the registry has never heard of (sending tells).
   */
  isUsable(name: string, language: string): boolean {
    const state = this.#templates.get(keyOf(name, language));
    if (!state) return true;
    if (state.status !== undefined && UNUSABLE_STATUSES.has(state.status)) return false;
    return state.qualityScore !== "RED";
  }

  /** Every template known, e.g. to save a snapshot and seed the next process with it. */
  list(): TemplateState[] {
    return [...this.#templates.values()].map((state) => ({ ...state }));
  }

  #entry(name: string, language: string): TemplateState {
    const key = keyOf(name, language);
    let state = this.#templates.get(key);
    if (!state) {
      state = { name, language };
      this.#templates.set(key, state);
    }
    return state;
  }
}
