import { z } from "zod";
import { DEFAULT_RETENTION_MS } from "../retention.js";
import { parseOptions } from "../validate-options.js";
import { LuaScript, type RedisLike, redisOptionsSchema } from "./redis-client.js";
import type { Session, SessionStore, StoredSession } from "./types.js";

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** An ioredis client (typed structurally). */
  client: RedisLike;
  /** Key prefix. Default `toktok:flows:`. */
  prefix?: string;
  /** Time a session lives after its last write, in ms. Default 24 h ({@link DEFAULT_RETENTION_MS}). */
  ttlMs?: number;
}

const optionsSchema = redisOptionsSchema.extend({
  ttlMs: z.number().int().positive().default(DEFAULT_RETENTION_MS),
});

// A session is a hash { v: version, s: JSON }. The write is a compare-and-set on `v`:
// it only lands when nobody wrote since the read, so a lost update is detected.
const load = new LuaScript("return redis.call('HMGET', KEYS[1], 'v', 's')");
const save = new LuaScript(`
local current = redis.call('HGET', KEYS[1], 'v') or '0'
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(ARGV[1]) + 1), 's', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

/**
 * Sessions in Redis, shared by every bot process, with a TTL and versioned
 * (compare-and-set) writes so two processes never silently overwrite each other.
 * @example
 * const store = new RedisSessionStore({ client: new Redis(process.env.REDIS_URL), prefix: "bot:" });
 * const engine = createFlowEngine({ messenger, flows, store, lock: new RedisUserLock({ client }) });
 */
export class RedisSessionStore implements SessionStore {
  readonly #client: RedisLike;
  readonly #prefix: string;
  readonly #ttlMs: number;

  constructor(options: RedisSessionStoreOptions) {
    const o = parseOptions(optionsSchema, options);
    this.#client = o.client;
    this.#prefix = o.prefix;
    this.#ttlMs = o.ttlMs;
  }

  #key(userId: string): string {
    return `${this.#prefix}session:${userId}`;
  }

  async load(userId: string): Promise<StoredSession | undefined> {
    const reply = (await load.run(this.#client, [this.#key(userId)], [])) as Array<string | null>;
    const [version, json] = reply;
    if (!version || !json) return undefined;
    return { session: JSON.parse(json) as Session, version: Number(version) };
  }

  async save(userId: string, session: Session, expectedVersion: number): Promise<boolean> {
    const ok = await save.run(
      this.#client,
      [this.#key(userId)],
      [String(expectedVersion), JSON.stringify(session), this.#ttlMs],
    );
    return ok === 1;
  }

  async delete(userId: string): Promise<void> {
    await this.#client.eval("return redis.call('DEL', KEYS[1])", 1, this.#key(userId));
  }
}
