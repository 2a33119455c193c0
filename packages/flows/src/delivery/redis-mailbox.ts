import { z } from "zod";
import type { InboundMessage } from "../messaging/inbound.js";
import { DEFAULT_RETENTION_MS } from "../retention.js";
import { LuaScript, type RedisLike, redisOptionsSchema } from "../sessions/redis-client.js";
import { parseOptions } from "../validate-options.js";
import { decodeInbound, encodedPrefix, encodeInbound } from "./inbound-record.js";
import type { Mailbox } from "./types.js";

/** Options of {@link RedisMailbox}. */
export interface RedisMailboxOptions {
  /** An ioredis client (or `Cluster`), typed structurally. */
  client: RedisLike;
  /** Key prefix. Default `toktok:flows:`. */
  prefix?: string;
  /** How long a message id is remembered to refuse redeliveries, in ms. Default 24 h ({@link DEFAULT_RETENTION_MS}). */
  dedupeWindowMs?: number;
}

const optionsSchema = redisOptionsSchema.extend({
  dedupeWindowMs: z.number().int().positive().default(DEFAULT_RETENTION_MS),
});

// KEYS: the user's list and the sorted set of ids seen (score: when). ARGV: window, then id/json pairs.
// Both keys carry the user id as a hash tag, so the script is valid on Redis Cluster too.
const append = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local added = 0
for i = 2, #ARGV, 2 do
  if redis.call('ZADD', KEYS[2], 'NX', now, ARGV[i]) == 1 then
    redis.call('RPUSH', KEYS[1], ARGV[i + 1])
    added = added + 1
  end
end
redis.call('PEXPIRE', KEYS[2], window)
return added
`);
// ARGV[1]: how the record of the id to ack starts. Compared as a string, not decoded: Redis's cjson
// refuses the \udXXX escape JSON.stringify writes for a lone surrogate (half an emoji), and a
// head it cannot decode would never be acked, leaving its user stuck behind it forever.
const ack = new LuaScript(`
local head = redis.call('LINDEX', KEYS[1], 0)
if head and string.sub(head, 1, #ARGV[1]) == ARGV[1] then redis.call('LPOP', KEYS[1]) return 1 end
return 0
`);
const peek = new LuaScript("return redis.call('LINDEX', KEYS[1], 0)");

/**
 * A {@link Mailbox} in Redis shared by every bot process: one list per user (its order is the
 * order messages were recorded in) and a window of seen ids that refuses redeliveries.
 * Appends are one atomic script per user; the list never expires, so an accepted message
 * waits for as long as it takes to be handled.
 * @example
 * const engine = createFlowEngine({ messenger, flows, store, lock, mailbox: new RedisMailbox({ client: redis }) });
 */
export class RedisMailbox implements Mailbox {
  readonly #client: RedisLike;
  readonly #prefix: string;
  readonly #windowMs: number;

  constructor(options: RedisMailboxOptions) {
    const o = parseOptions(optionsSchema, options);
    this.#client = o.client;
    this.#prefix = o.prefix;
    this.#windowMs = o.dedupeWindowMs;
  }

  #keys(userId: string): [string, string] {
    return [`${this.#prefix}inbox:{${userId}}`, `${this.#prefix}inbox-seen:{${userId}}`];
  }

  async append(messages: readonly InboundMessage[]): Promise<number> {
    const byUser = new Map<string, Array<string | number>>();
    for (const m of messages) {
      const args = byUser.get(m.from) ?? [this.#windowMs];
      args.push(m.id, encodeInbound(m));
      byUser.set(m.from, args);
    }
    const added = await Promise.all(
      [...byUser].map(([userId, args]) => append.run(this.#client, this.#keys(userId), args)),
    );
    return added.reduce<number>((sum, n) => sum + Number(n), 0);
  }

  async peek(userId: string): Promise<InboundMessage | undefined> {
    const head = (await peek.run(this.#client, [this.#keys(userId)[0]], [])) as string | null;
    return head ? decodeInbound(head) : undefined;
  }

  async ack(userId: string, messageId: string): Promise<void> {
    await ack.run(this.#client, [this.#keys(userId)[0]], [encodedPrefix(messageId)]);
  }
}
