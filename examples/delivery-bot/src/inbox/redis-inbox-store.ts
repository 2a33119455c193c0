import type { Cluster, Redis } from "ioredis";
import { type ConversationMeta, type InboxEntry, type InboxStore, MAX_LINES } from "./types.ts";

const PREFIX = "toktok:inbox";
// Each conversation's keys share a hash tag, so a Redis Cluster keeps them in one slot.
const linesKey = (waId: string) => `${PREFIX}:{${waId}}:lines`;
const metaKey = (waId: string) => `${PREFIX}:{${waId}}:meta`;
const escalationKey = (waId: string, since: number) => `${PREFIX}:{${waId}}:escalated:${since}`;
const RECENT = `${PREFIX}:recent`;
const COUNTS = `${PREFIX}:figures`;
// An escalation claim outlives any wait worth escalating, then Redis forgets it.
const ESCALATION_TTL_MS = 7 * 24 * 3_600_000;
const NUMBER_FIELDS = new Set(["lastInboundAt", "lastAt", "since", "firstResponseAt"]);

/** An {@link InboxStore} on Redis: every bot process and every restart see the same conversations. */
export class RedisInboxStore implements InboxStore {
  readonly #redis: Redis | Cluster;

  constructor(redis: Redis | Cluster) {
    this.#redis = redis;
  }

  async append(waId: string, entry: InboxEntry): Promise<void> {
    await this.#redis.rpush(linesKey(waId), JSON.stringify(entry));
    await this.#redis.ltrim(linesKey(waId), -MAX_LINES, -1);
    await this.#redis.hset(metaKey(waId), "lastAt", String(entry.at));
    await this.#redis.zadd(RECENT, entry.at, waId);
  }

  async lines(waId: string): Promise<InboxEntry[]> {
    const raw = await this.#redis.lrange(linesKey(waId), 0, -1);
    return raw.map((line) => JSON.parse(line) as InboxEntry);
  }

  async updateMeta(waId: string, fields: Record<string, unknown>): Promise<void> {
    const set: Record<string, string> = {};
    const clear: string[] = [];
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) clear.push(key);
      else if (value !== undefined) set[key] = String(value);
    }
    if (Object.keys(set).length > 0) await this.#redis.hset(metaKey(waId), set);
    if (clear.length > 0) await this.#redis.hdel(metaKey(waId), ...clear);
    if (set.lastAt !== undefined) await this.#redis.zadd(RECENT, Number(set.lastAt), waId);
    else await this.#redis.zadd(RECENT, "NX", Date.now(), waId);
  }

  async meta(waId: string): Promise<ConversationMeta | undefined> {
    const raw = await this.#redis.hgetall(metaKey(waId));
    if (Object.keys(raw).length === 0) return undefined;
    const meta: Record<string, unknown> = { waId, lastAt: 0 };
    for (const [key, value] of Object.entries(raw)) meta[key] = NUMBER_FIELDS.has(key) ? Number(value) : value;
    return meta as unknown as ConversationMeta;
  }

  async recent(limit: number): Promise<string[]> {
    return this.#redis.zrevrange(RECENT, 0, limit - 1);
  }

  async addCounts(increments: Readonly<Record<string, number>>): Promise<void> {
    const multi = this.#redis.multi();
    for (const [key, by] of Object.entries(increments)) multi.hincrbyfloat(COUNTS, key, by);
    await multi.exec();
  }

  async counts(): Promise<Record<string, number>> {
    const raw = await this.#redis.hgetall(COUNTS);
    return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Number(value)]));
  }

  async claimEscalation(waId: string, since: number): Promise<boolean> {
    return (await this.#redis.set(escalationKey(waId, since), "1", "PX", ESCALATION_TTL_MS, "NX")) === "OK";
  }
}
