// The WhatsApp account's state shared by every bot process on Redis: template health, marketing
// consent (opt-ins and STOPs), the account's standing and the blocked users. Each process keeps its own copy in memory,
// because the notifier asks `isUsable` / `allows` / `isBlocked` synchronously on every send; a change
// is written to Redis (what a process starting later reads) and published (what the running ones
// apply at once). Pub/sub rather than read-through: a read-through cache would put a Redis round trip
// (or a stale window) in front of every template send; a missed message (subscriber disconnected) is
// covered by reading the whole state again each time the subscriber reconnects.
import { randomUUID } from "node:crypto";
import type { MarketingConsentRecord } from "@toktok/flows";
import type { WebhookEvent } from "@toktok/whatsapp-client";
import type { Logger } from "@toktok-example/shared";
import type { Cluster, Redis } from "ioredis";

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

/** A template webhook event, the only kinds the registry applies. */
export type TemplateEvent = Extract<
  WebhookEvent,
  { kind: "template_status" | "template_quality" | "template_category" }
>;

/** One change of the account's state, as saved and published. */
export type AccountChange =
  | { type: "template"; event: TemplateEvent }
  | { type: "marketing"; choice: MarketingConsentRecord }
  | { type: "standing"; standing: AccountStanding }
  | { type: "blocked" | "unblocked"; ids: string[] };

/** Everything saved, read by a process at start and after a reconnection. */
export interface AccountSnapshot {
  /** The latest event of each template and aspect (status, quality, category), oldest first. */
  templates: TemplateEvent[];
  marketing: MarketingConsentRecord[];
  standing: AccountStanding | undefined;
  blocked: string[];
}

/** Where the account's state is kept beyond one process. */
export interface SharedAccountState {
  /** Saves a change and tells the other processes (never this one). */
  save(change: AccountChange): Promise<void>;
  /** Reads everything saved. */
  load(): Promise<AccountSnapshot>;
  /**
   * Listens to the other processes' changes (resolves once subscribed); `onResubscribed` runs each time the
   * subscription is made again after a lost connection, so the caller reads the whole state again and
   * misses nothing sent while it was away.
   */
  subscribe(onChange: (change: AccountChange) => void, onResubscribed: () => void): Promise<void>;
  close(): void;
}

/** Dates a template event carries; JSON turns them into strings, read back here. */
const DATE_FIELDS = ["timestamp", "disabledAt", "changesAt"] as const;

function reviveTemplate(event: Record<string, unknown>): TemplateEvent {
  const out: Record<string, unknown> = { ...event, raw: {} };
  for (const field of DATE_FIELDS) if (typeof out[field] === "string") out[field] = new Date(out[field] as string);
  return out as unknown as TemplateEvent;
}

/** Reads a published or saved change back (dates as `Date`); `undefined` for anything else. */
export function reviveChange(value: unknown): AccountChange | undefined {
  if (!value || typeof value !== "object") return undefined;
  const change = value as Record<string, unknown>;
  if (change.type === "template" && change.event && typeof change.event === "object") {
    return { type: "template", event: reviveTemplate(change.event as Record<string, unknown>) };
  }
  if (change.type === "marketing" && change.choice && typeof change.choice === "object") {
    const choice = reviveConsent(change.choice as Record<string, unknown>);
    return choice && { type: "marketing", choice };
  }
  if (change.type === "standing" && change.standing) return change as AccountChange;
  if ((change.type === "blocked" || change.type === "unblocked") && Array.isArray(change.ids)) {
    return { type: change.type, ids: change.ids.map(String) };
  }
  return undefined;
}

/**
 * Reads a saved marketing choice: `{ state, source }` records, and the `{ value: "stop" | "resume" }` ones
 * saved before opt-in existed (Meta's webhook: stop is `stopped`, resume `opted_in`).
 */
function reviveConsent(saved: Record<string, unknown>): MarketingConsentRecord | undefined {
  const at = new Date(String(saved.at));
  if (typeof saved.waId !== "string" || Number.isNaN(at.getTime())) return undefined;
  const state = saved.state ?? (saved.value === "stop" ? "stopped" : saved.value === "resume" ? "opted_in" : undefined);
  if (state !== "opted_in" && state !== "stopped") return undefined;
  const source = saved.source === "typed" || saved.source === "button" ? saved.source : "webhook";
  return { waId: saved.waId, state, at, source };
}

/** Keeps `ARGV[3]` under field `ARGV[1]` unless what is there is newer: saved values read `<ms>|<json>`. */
const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local at = tonumber(string.match(current, '^(%d+)|'))
  if at and at > tonumber(ARGV[2]) then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return 1`;

const withoutClock = (saved: string): string => saved.slice(saved.indexOf("|") + 1);

/** Options of {@link RedisAccountState}. */
export interface RedisAccountStateOptions {
  redis: Redis | Cluster;
  /** The number the state belongs to (its phone number id): two bots on two numbers keep two states. */
  namespace: string;
  logger: Logger;
}

/**
 * {@link SharedAccountState} on Redis: three hashes (templates by name, language and aspect; marketing
 * choices by user; the standing) where a late redelivery never overwrites a newer change, a set of
 * blocked users, and one pub/sub channel. Every key is one slot, so it works on a Redis Cluster too.
 */
export class RedisAccountState implements SharedAccountState {
  readonly #redis: Redis | Cluster;
  readonly #logger: Logger;
  readonly #keys: { templates: string; marketing: string; standing: string; blocked: string; channel: string };
  /** Tells this process's own messages apart (Redis delivers them back to it). */
  readonly #origin = randomUUID();
  #subscriber: Redis | Cluster | undefined;

  constructor(options: RedisAccountStateOptions) {
    this.#redis = options.redis;
    this.#logger = options.logger;
    const base = `toktok:account:${options.namespace}`;
    this.#keys = {
      templates: `${base}:templates`,
      marketing: `${base}:marketing`,
      standing: `${base}:standing`,
      blocked: `${base}:blocked`,
      channel: `${base}:changes`,
    };
  }

  async save(change: AccountChange): Promise<void> {
    await this.#write(change);
    await this.#redis.publish(this.#keys.channel, JSON.stringify({ origin: this.#origin, change }));
  }

  async #write(change: AccountChange): Promise<void> {
    const setIfNewer = (key: string, field: string, at: number, value: unknown) =>
      this.#redis.eval(SET_IF_NEWER, 1, key, field, Math.max(0, Math.trunc(at)), JSON.stringify(value));
    switch (change.type) {
      case "template": {
        const { event } = change;
        const field = `${event.templateName}\u0000${event.language}\u0000${event.kind}`;
        await setIfNewer(this.#keys.templates, field, event.timestamp?.getTime() ?? Date.now(), { ...event, raw: {} });
        return;
      }
      case "marketing":
        await setIfNewer(this.#keys.marketing, change.choice.waId, change.choice.at.getTime(), change.choice);
        return;
      case "standing": {
        const at = change.standing.at ? Date.parse(change.standing.at) : Date.now();
        await setIfNewer(this.#keys.standing, "standing", Number.isNaN(at) ? Date.now() : at, change.standing);
        return;
      }
      case "blocked":
        if (change.ids.length > 0) await this.#redis.sadd(this.#keys.blocked, ...change.ids);
        return;
      case "unblocked":
        if (change.ids.length > 0) await this.#redis.srem(this.#keys.blocked, ...change.ids);
        return;
    }
  }

  async load(): Promise<AccountSnapshot> {
    const [templates, marketing, standing, blocked] = await Promise.all([
      this.#redis.hgetall(this.#keys.templates),
      this.#redis.hgetall(this.#keys.marketing),
      this.#redis.hget(this.#keys.standing, "standing"),
      this.#redis.smembers(this.#keys.blocked),
    ]);
    const events = Object.values(templates)
      .map((saved) => reviveTemplate(JSON.parse(withoutClock(saved)) as Record<string, unknown>))
      .sort((a, b) => (a.timestamp?.getTime() ?? 0) - (b.timestamp?.getTime() ?? 0));
    const choices = Object.values(marketing).flatMap(
      (saved) => reviveConsent(JSON.parse(withoutClock(saved)) as Record<string, unknown>) ?? [],
    );
    return {
      templates: events,
      marketing: choices,
      standing: standing ? (JSON.parse(withoutClock(standing)) as AccountStanding) : undefined,
      blocked,
    };
  }

  async subscribe(onChange: (change: AccountChange) => void, onResubscribed: () => void): Promise<void> {
    // A subscribed connection can run nothing else: a duplicate of the bot's, reconnecting with it.
    const subscriber = (this.#redis as Redis).duplicate();
    this.#subscriber = subscriber;
    subscriber.on("error", (error: Error) => this.#logger.warn("account: subscriber error", { error: error.message }));
    subscriber.on("message", (_channel: string, raw: string) => {
      try {
        const { origin, change } = JSON.parse(raw) as { origin?: string; change?: unknown };
        if (origin === this.#origin) return;
        const read = reviveChange(change);
        if (read) onChange(read);
      } catch {
        this.#logger.warn("account: unreadable change ignored");
      }
    });
    let subscribed = false;
    // ioredis subscribes again by itself after a reconnection; the state is read again then.
    subscriber.on("ready", () => {
      if (subscribed) onResubscribed();
    });
    await subscriber.subscribe(this.#keys.channel);
    subscribed = true;
  }

  close(): void {
    this.#subscriber?.disconnect();
  }
}
