import { Counter, Gauge, type Registry } from "@prometheus-io/client";
import type { TemplateSkip } from "@toktok/flows";
import { MarketingPreferences, TemplateRegistry, type WebhookEvent } from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";
import { BlockedUsers, type BlockingApi } from "./blocked-users.ts";

/** What Meta last said of the WhatsApp account, shown on `/healthz`. */
export interface AccountStanding {
  /** `ok`, `restricted` (some sends refused) or `banned` (disabled, or scheduled to be). */
  state: "ok" | "restricted" | "banned";
  /** Meta's event (`ACCOUNT_RESTRICTION`, `DISABLED_UPDATE`…) and when it came. */
  event?: string;
  at?: string;
  /** What a restriction stops (`RESTRICTED_ADD_PHONE_NUMBER_ACTION`…) or a ban's states. */
  details?: string[];
}

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
}

/** The account's state the bot acts on: template health, marketing opt-outs, standing, blocked users. */
export interface CloudAccount {
  /** Fed by the template webhooks; the notifier skips what it rules out. */
  templates: TemplateRegistry;
  /** Fed by `user_preferences`; the notifier never sends marketing to a user who stopped it. */
  marketing: MarketingPreferences;
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
 * shows on `/healthz`, a call is counted).
 */
export function createCloudAccount(options: CloudAccountOptions): CloudAccount {
  const { logger, analytics, registry } = options;
  const templates = new TemplateRegistry();
  const marketing = new MarketingPreferences();
  const blocked = new BlockedUsers(options.blocked, options.blocking);
  let standing: AccountStanding = { state: "ok" };

  const skipped = new Counter({
    name: "toktok_templates_skipped_total",
    help: "Templates not sent: paused, disabled or RED by webhook (template_unusable), or marketing to an opted-out user.",
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

  return {
    templates,
    marketing,
    apply(event) {
      switch (event.kind) {
        case "template_status":
        case "template_quality":
        case "template_category":
          if (templates.apply(event) && !templates.isUsable(event.templateName, event.language)) {
            logger.warn("whatsapp: template no longer usable", {
              template: event.templateName,
              language: event.language,
            });
          }
          return;
        case "user_preference":
          marketing.apply(event);
          return;
        case "account_update": {
          const next = standingOf(event);
          if (!next) return;
          standing = next;
          // Loud on purpose: a restricted or banned number stops reaching customers.
          if (next.state === "ok") logger.warn("whatsapp: account reinstated", { event: event.event });
          else logger.error(`whatsapp: ACCOUNT ${next.state.toUpperCase()}`, { ...next });
          return;
        }
        case "call":
          // One count per call, when it starts (the terminate event of the same call is not another contact).
          if (event.event === "connect") analytics.trackMessage(event.from, "call");
          return;
        default:
          return;
      }
    },
    isBlocked: (waId) => blocked.has(waId),
    block: (waIds) => blocked.block(waIds),
    unblock: (waIds) => blocked.unblock(waIds),
    loadBlocked: () => blocked.load(),
    standing: () => ({ ...standing }),
    templateSkipped(skip) {
      skipped.inc({ template: skip.template, reason: skip.reason });
    },
  };
}
