import { z } from "zod";
import { LuaScript, type RedisLike, redisOptionsSchema } from "../sessions/redis-client.js";
import { parseOptions } from "../validate-options.js";
import type { DeliveryPromise, DispatchStore, DriverState } from "./types.js";

/** Options of {@link RedisDispatchStore}. */
export interface RedisDispatchStoreOptions {
  /** An ioredis client (or Cluster). */
  client: RedisLike;
  /** Key prefix. Default `toktok:flows:`. */
  prefix?: string;
}

// Every script touches one key, so each works on Redis Cluster as is.
const hset = new LuaScript("return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])");
const hget = new LuaScript("return redis.call('HGET', KEYS[1], ARGV[1])");
const hvals = new LuaScript("return redis.call('HVALS', KEYS[1])");
const sadd = new LuaScript(
  "for i = 2, #ARGV do redis.call('SADD', KEYS[1], ARGV[i]) end return redis.call('PEXPIRE', KEYS[1], ARGV[1])",
);
const smembers = new LuaScript("return redis.call('SMEMBERS', KEYS[1])");
// First caller wins: SET NX, then whoever holds the key is the answer — one round trip, atomic.
const claim = new LuaScript(
  "if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return ARGV[1] end return redis.call('GET', KEYS[1])",
);
const release = new LuaScript(
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
);
const setPx = new LuaScript("return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])");
const get = new LuaScript("return redis.call('GET', KEYS[1])");
const once = new LuaScript("if redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 1 end return 0");

const optionsSchema = redisOptionsSchema;

const stateSchema = z.object({
  driver: z.object({ id: z.string(), name: z.string(), phone: z.string(), vehicle: z.string().optional() }),
  online: z.boolean(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  locatedAt: z.string().optional(),
  offer: z.object({ missionId: z.string(), reference: z.string() }).optional(),
  seenAt: z.string().optional(),
  paused: z.boolean().optional(),
  busyWith: z.string().optional(),
});

const promiseSchema = z.object({ acceptedAt: z.string(), dueAt: z.string(), pickupDueAt: z.string().optional() });

/** A stored value read back; a corrupt one is skipped rather than crashing dispatch. */
function readState(raw: unknown): DriverState | undefined {
  if (typeof raw !== "string") return undefined;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as DriverState) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The {@link DispatchStore} on Redis, shared by every bot process: driver presence in one hash, offers
 * in a set per mission, and the claim a `SET NX` in a Lua script, so when two drivers accept at once
 * on two processes exactly one wins.
 */
export class RedisDispatchStore implements DispatchStore {
  readonly #client: RedisLike;
  readonly #prefix: string;

  constructor(options: RedisDispatchStoreOptions) {
    const o = parseOptions(optionsSchema, options);
    this.#client = o.client;
    this.#prefix = `${o.prefix}dispatch:`;
  }

  async putDriver(state: DriverState): Promise<void> {
    await hset.run(this.#client, [`${this.#prefix}drivers`], [state.driver.id, JSON.stringify(state)]);
  }

  async driver(driverId: string): Promise<DriverState | undefined> {
    return readState(await hget.run(this.#client, [`${this.#prefix}drivers`], [driverId]));
  }

  async drivers(): Promise<DriverState[]> {
    const raw = await hvals.run(this.#client, [`${this.#prefix}drivers`], []);
    return (Array.isArray(raw) ? raw : []).flatMap((r) => readState(r) ?? []);
  }

  async markOffered(missionId: string, driverIds: readonly string[], ttlMs: number): Promise<void> {
    if (driverIds.length === 0) return;
    await sadd.run(this.#client, [`${this.#prefix}offered:${missionId}`], [ttlMs, ...driverIds]);
  }

  async offered(missionId: string): Promise<string[]> {
    const raw = await smembers.run(this.#client, [`${this.#prefix}offered:${missionId}`], []);
    return Array.isArray(raw) ? raw.map(String) : [];
  }

  async claim(missionId: string, driverId: string, ttlMs: number): Promise<string> {
    return String(await claim.run(this.#client, [`${this.#prefix}claim:${missionId}`], [driverId, ttlMs]));
  }

  async release(missionId: string, driverId: string): Promise<void> {
    await release.run(this.#client, [`${this.#prefix}claim:${missionId}`], [driverId]);
  }

  async putPromise(missionId: string, promise: DeliveryPromise, ttlMs: number): Promise<void> {
    await setPx.run(this.#client, [`${this.#prefix}promise:${missionId}`], [JSON.stringify(promise), ttlMs]);
  }

  async promise(missionId: string): Promise<DeliveryPromise | undefined> {
    const raw = await get.run(this.#client, [`${this.#prefix}promise:${missionId}`], []);
    if (typeof raw !== "string") return undefined;
    try {
      const parsed = promiseSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async once(key: string, ttlMs: number): Promise<boolean> {
    return (await once.run(this.#client, [`${this.#prefix}once:${key}`], [ttlMs])) === 1;
  }
}
