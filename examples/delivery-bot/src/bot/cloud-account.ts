import { Counter, Gauge, type Registry } from "@prometheus-io/client";
import { type MarketingConsentRecord, MarketingConsents, type TemplateSkip } from "@toktok/flows";
import { TemplateRegistry, type WebhookEvent, type WhatsAppClient } from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";
import type { AccountChange, AccountStanding, SharedAccountState, TemplateEvent } from "./account-state.ts";
import { BlockedUsers, type BlockingApi } from "./blocked-users.ts";

export type { AccountStanding } from "./account-state.ts";

/** The WhatsApp client's template list (`WhatsAppClient` fits), read to seed the registry. */
export type TemplateListing = Pick<WhatsAppClient, "listTemplates">;

/** Templates per page read at start; a cursor that never ends stops after this many pages. */
const TEMPLATE_PAGE_SIZE = 100;
const MAX_TEMPLATE_PAGES = 100;

/** What the bot's webhook side records for analytics: a call is counted like an inbound message of type `call`. */
export interface CallSink {
  trackMessage(user: string, type: string): void;
}

/** Options of {@link createCloudAccount}. */
export interface CloudAccountOptions {
  registry: Registry;
  logger: Logger;
  analytics: CallSink;
  /** Users the bot ignores from the start (`WHATSAPP_BLOCKED_USERS`). */
  blocked?: readonly string[];
  /** The number's block list on WhatsApp (the bot's `WhatsAppClient`): read by `loadBlocked`, changed by `block`/`unblock`. */
  blocking?: BlockingApi;
  /**
   * Where the state is kept for every process and the next start (`RedisAccountState` with `REDIS_URL`).
   * Without it the state lives in this process only and starts empty: fine for one process, not for several.
   */
  shared?: SharedAccountState;
}

/** The account's state the bot acts on: template health, marketing opt-outs, standing, blocked users. */
export interface CloudAccount {
  /** Fed by the template webhooks; the notifier skips what it rules out. */
  templates: TemplateRegistry;
  /**
   * One marketing-consent record per user, fed by `user_preferences` and by the conversation (the opt-in
   * question, OFFRES, STOP) and shared with the other processes; the notifier sends marketing to opted-in users only.
   */
  marketing: MarketingConsents;
  /** Applies one non-message webhook event (templates, preferences, account, calls); others are ignored. */
  apply(event: WebhookEvent): void;
  /** True for a user the bot must not answer. */
  isBlocked(waId: string): boolean;
  /** Blocks users on WhatsApp (with `blocking`) and ignores those it did not refuse. */
  block(waIds: Iterable<string>): Promise<void>;
  /** Unblocks users on WhatsApp (with `blocking`) and answers them again. */
  unblock(waIds: Iterable<string>): Promise<void>;
  /** Reads the number's whole block list (every page) into the ignored set; the number of users read. */
  loadBlocked(): Promise<number>;
  standing(): AccountStanding;
  /** For the notifier's `onTemplateSkipped`: counted on `/metrics`. */
  templateSkipped(skip: TemplateSkip): void;
  /**
   * Reads the saved state (templates, opt-outs, standing, blocked users) and applies the other processes'
   * changes from now on; does nothing without `shared`. Await it before answering: a STOP must hold from the first send.
   */
  start(): Promise<void>;
  /** Records what Meta's template list says now (every page); the number of templates read. */
  seedTemplates(api: TemplateListing): Promise<number>;
  /** Stops following the other processes. */
  close(): void;
}

/** The standing an `account_update` event leaves the account in, or `undefined` when it says nothing about it. */
function standingOf(event: Extract<WebhookEvent, { kind: "account_update" }>): AccountStanding | undefined {
  const at = event.timestamp?.toISOString();
  const base = { event: event.event, ...(at ? { at } : {}) };
  if (event.event === "ACCOUNT_RESTRICTION") {
    return { state: "restricted", ...base, details: event.restrictions.map((r) => r.type) };
  }
  if (event.event === "DISABLED_UPDATE") {
    const states = event.banStates ?? [];
    if (states.includes("REINSTATE")) return { state: "ok", ...base };
    return { state: "banned", ...base, details: states };
  }
  if (event.event === "ACCOUNT_DELETED" || event.event === "ACCOUNT_OFFBOARDED") return { state: "banned", ...base };
  return undefined;
}

/**
 * Creates the account side of the bot: every non-message webhook event lands here and changes what
 * the bot does (a paused template is no longer sent, an opted-out user gets no marketing, a ban
 * shows on `/healthz`, a call is counted). With `shared`, each change is saved and applied by every
 * process, and a process starting later begins from it.
 */
export function createCloudAccount(options: CloudAccountOptions): CloudAccount {
  const { logger, analytics, registry, shared } = options;
  const templates = new TemplateRegistry();
  // Each choice made here (webhook or conversation) is saved and published; `share` is declared below.
  const marketing = new MarketingConsents({ onRecorded: (choice) => share({ type: "marketing", choice }) });
  const blocked = new BlockedUsers(options.blocked, options.blocking);
  let standing: AccountStanding = { state: "ok" };

  const skipped = new Counter({
    name: "toktok_templates_skipped_total",
    help: "Templates not sent: paused, disabled or RED by webhook (template_unusable), or marketing to a user who stopped it (marketing_opt_out) or never opted in (no_marketing_consent).",
    labelNames: ["template", "reason"],
    registers: [registry],
  });
  new Gauge({
    name: "toktok_whatsapp_account_restricted",
    help: "1 while Meta restricts or bans the WhatsApp account (see /healthz), else 0.",
    registers: [registry],
    collect() {
      this.set(standing.state === "ok" ? 0 : 1);
    },
  });

  /** Saves a change for the other processes; a failure is logged (this process already applied it). */
  const share = (change: AccountChange) => {
    shared?.save(change).catch((error: unknown) =>
      logger.warn("whatsapp: account change not shared", {
        type: change.type,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  };
  const applyTemplate = (event: TemplateEvent): boolean => {
    const changed = templates.apply(event);
    if (changed && !templates.isUsable(event.templateName, event.language)) {
      logger.warn("whatsapp: template no longer usable", { template: event.templateName, language: event.language });
    }
    return changed;
  };
  /** Another process's choice (or a saved one): applied, not shared again. */
  const applyMarketing = (choice: MarketingConsentRecord) => marketing.restore(choice);
  const applyStanding = (next: AccountStanding) => {
    standing = next;
    // Loud on purpose: a restricted or banned number stops reaching customers.
    if (next.state === "ok") logger.warn("whatsapp: account reinstated", { event: next.event });
    else logger.error(`whatsapp: ACCOUNT ${next.state.toUpperCase()}`, { ...next });
  };
  /** A change another process made (or one read from the saved state). */
  const applyShared = (change: AccountChange) => {
    switch (change.type) {
      case "template":
        applyTemplate(change.event);
        return;
      case "marketing":
        applyMarketing(change.choice);
        return;
      case "standing":
        if (JSON.stringify(change.standing) !== JSON.stringify(standing)) applyStanding(change.standing);
        return;
      case "blocked":
        blocked.add(change.ids);
        return;
      case "unblocked":
        blocked.remove(change.ids);
        return;
    }
  };
  /** Reads the whole saved state: at start, and after the subscriber reconnects (changes may have been missed). */
  const resync = async () => {
    if (!shared) return;
    const snapshot = await shared.load();
    for (const event of snapshot.templates) applyTemplate(event);
    for (const choice of snapshot.marketing) applyMarketing(choice);
    if (snapshot.standing) applyShared({ type: "standing", standing: snapshot.standing });
    blocked.add(snapshot.blocked);
  };

  return {
    templates,
    marketing,
    apply(event) {
      switch (event.kind) {
        case "template_status":
        case "template_quality":
        case "template_category":
          if (applyTemplate(event)) share({ type: "template", event });
          return;
        case "account_update": {
          const next = standingOf(event);
          if (!next) return;
          applyStanding(next);
          share({ type: "standing", standing: next });
          return;
        }
        case "call":
          // One count per call, when it starts (the terminate event of the same call is not another contact).
          if (event.event === "connect") analytics.trackMessage(event.from, "call");
          return;
        default:
          // A `user_preferences` STOP or resume, or the same choice as a `system` message (shared by `onRecorded`).
          marketing.apply(event);
          return;
      }
    },
    isBlocked: (waId) => blocked.has(waId),
    async block(waIds) {
      const ids = await blocked.block(waIds);
      if (ids.length > 0) share({ type: "blocked", ids });
    },
    async unblock(waIds) {
      const ids = await blocked.unblock(waIds);
      if (ids.length > 0) share({ type: "unblocked", ids });
    },
    loadBlocked: () => blocked.load(),
    standing: () => ({ ...standing }),
    templateSkipped(skip) {
      skipped.inc({ template: skip.template, reason: skip.reason });
    },
    async start() {
      if (!shared) return;
      // Subscribe first, then read: a change made in between is heard, never lost between the two.
      await shared.subscribe(applyShared, () => {
        resync().catch((error: unknown) =>
          logger.warn("whatsapp: account state not read again", {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      });
      await resync();
    },
    async seedTemplates(api) {
      let read = 0;
      let after: string | undefined;
      for (let page = 0; page < MAX_TEMPLATE_PAGES; page += 1) {
        const { data, after: next } = await api.listTemplates({
          limit: TEMPLATE_PAGE_SIZE,
          ...(after ? { after } : {}),
        });
        // What Meta lists now is newer than any saved webhook: it replaces status, quality and category.
        for (const template of data) templates.set(template);
        read += data.length;
        if (next === undefined || next === after) break;
        after = next;
      }
      return read;
    },
    close: () => shared?.close(),
  };
}
