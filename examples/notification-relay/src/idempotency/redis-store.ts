import { randomUUID } from "node:crypto";
import { StoreUnavailableError } from "../errors.ts";
import type { Claim, ClaimTimes, IdempotencyStore, RelayOutcome } from "./types.ts";

// One hash per event: `owner` + `until` (the lease, in Redis' own clock), `part:<key>` per sent part,
// `outcome` once done. One key per event keeps every script single-key (Cluster-safe) and lets the
// whole record expire together. Every check-and-write is one script, so it is atomic.
const NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

const BEGIN = `${NOW}
local outcome = redis.call('HGET', KEYS[1], 'outcome')
if outcome then return {'done', outcome} end
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilMs > now then return {'processing', tostring(untilMs - now)} end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'until', tostring(now + tonumber(ARGV[2])))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local out = {'new'}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 5) == 'part:' then
    out[#out + 1] = string.sub(all[i], 6)
    out[#out + 1] = all[i + 1]
  end
end
return out`;

const OWNED = "if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end";

const RENEW = `${OWNED}
${NOW}
redis.call('HSET', KEYS[1], 'until', tostring(now + tonumber(ARGV[2])))
return 1`;

const COMPLETE = `${OWNED}
redis.call('HSET', KEYS[1], 'outcome', ARGV[2])
redis.call('HDEL', KEYS[1], 'owner', 'until')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const RELEASE = `${OWNED}
redis.call('HDEL', KEYS[1], 'owner', 'until')
return 1`;

// First write wins; a record created here (the key vanished with a Redis restart) still expires.
const RECORD_PART = `redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`;

/**
 * The commands the store needs: an ioredis `Redis` or `Cluster` (every script touches one key, the
 * event's hash, so each runs on the master owning that key's slot).
 */
export interface RelayRedis {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  ping(): Promise<unknown>;
  readonly isCluster?: boolean;
  nodes?(role: "master"): Array<{ ping(): Promise<unknown> }>;
}

/**
 * Many relay processes on one Redis (or one Redis Cluster). Leases and their renewal are compared by token in Lua, so a
 * worker whose lease expired and was re-taken cannot renew, complete or release the new owner's claim.
 * Every Redis failure surfaces as {@link StoreUnavailableError}.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: RelayRedis;
  readonly #prefix: string;

  constructor(redis: RelayRedis, prefix = "toktok:relay:event:") {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async begin(eventId: string, { leaseMs, ttlMs }: ClaimTimes): Promise<Claim> {
    const token = randomUUID();
    const reply = (await this.#eval(BEGIN, eventId, token, leaseMs, ttlMs)) as string[];
    const [state, ...rest] = reply;
    if (state === "done") return { state: "done", outcome: JSON.parse(rest[0] as string) as RelayOutcome };
    if (state === "processing") return { state: "processing", retryAfterMs: Number(rest[0]) };
    const parts: Record<string, string> = {};
    for (let i = 0; i + 1 < rest.length; i += 2) parts[rest[i] as string] = rest[i + 1] as string;
    return { state: "new", token, parts };
  }

  async renew(eventId: string, token: string, leaseMs: number): Promise<boolean> {
    return (await this.#eval(RENEW, eventId, token, leaseMs)) === 1;
  }

  async recordPart(eventId: string, part: string, messageId: string, ttlMs: number): Promise<void> {
    await this.#eval(RECORD_PART, eventId, `part:${part}`, messageId, ttlMs);
  }

  async complete(eventId: string, token: string, outcome: RelayOutcome, ttlMs: number): Promise<boolean> {
    return (await this.#eval(COMPLETE, eventId, token, JSON.stringify(outcome), ttlMs)) === 1;
  }

  async release(eventId: string, token: string): Promise<void> {
    await this.#eval(RELEASE, eventId, token);
  }

  async ping(): Promise<void> {
    try {
      // A cluster's PING reaches one node: ask every master, so one that is down shows.
      const redis = this.#redis;
      if (redis.isCluster && redis.nodes) await Promise.all(redis.nodes("master").map((node) => node.ping()));
      else await redis.ping();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async #eval(script: string, eventId: string, ...args: Array<string | number>): Promise<unknown> {
    try {
      // EVAL, not EVALSHA: a restarted Redis has an empty script cache, and these scripts are small.
      return await this.#redis.eval(script, 1, this.#prefix + eventId, ...args);
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }
}
