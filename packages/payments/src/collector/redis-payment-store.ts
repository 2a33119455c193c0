import { createHash } from "node:crypto";
import { z } from "zod";
import { validate } from "../validate.js";
import type { PaymentLeases } from "./leases.js";
import type { LateOutcome, PaymentStore, PendingPatch, Settlement, StoredPayment } from "./payment-store.js";

// jscpd:ignore-start — the structural ioredis type @toktok/flows declares too (RedisLike): each package types
// its optional peer itself rather than depend on the other.
/**
 * The part of an ioredis client (or `Cluster`) the store uses. Typed structurally, so ioredis stays an
 * optional peer: pass `new Redis(url)`.
 */
export interface PaymentsRedisClient {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  evalsha(sha1: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}
// jscpd:ignore-end

/** Options of {@link RedisPaymentStore}. */
export interface RedisPaymentStoreOptions {
  /** An ioredis client or cluster. */
  client: PaymentsRedisClient;
  /** Key prefix. Default `"toktok:payments:"`; every key also carries the `{payments}` hash tag (one cluster slot). */
  prefix?: string;
}

const schema = z.strictObject({
  client: z.custom<PaymentsRedisClient>(
    (v) => typeof v === "object" && v !== null && typeof (v as PaymentsRedisClient).eval === "function",
    "must be an ioredis client",
  ),
  prefix: z.string().default("toktok:payments:"),
});

// KEYS[1] payment, KEYS[2] the unfinished set. Every write happens in one script, so concurrent processes
// never both settle a payment.
const CREATE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('SADD', KEYS[2], ARGV[2])
  return 1
end
return 0`;
const UPDATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local p = cjson.decode(raw)
if p.status ~= 'pending' then return 0 end
for k, v in pairs(cjson.decode(ARGV[1])) do p[k] = v end
redis.call('SET', KEYS[1], cjson.encode(p))
return 1`;
const SETTLE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local p = cjson.decode(raw)
if p.status ~= 'pending' then return false end
for k, v in pairs(cjson.decode(ARGV[1])) do p[k] = v end
local out = cjson.encode(p)
redis.call('SET', KEYS[1], out)
return out`;
const NOTIFIED = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local p = cjson.decode(raw)
if p.status == 'pending' then return 0 end
p.notified = true
redis.call('SET', KEYS[1], cjson.encode(p))
if not p.lateCheckUntil then redis.call('SREM', KEYS[2], ARGV[1]) end
return 1`;
// Ends the watch of a payment failed as expired (see PaymentStore.settleLate and applyLate).
const SETTLE_LATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local p = cjson.decode(raw)
if p.status ~= 'failed' or not p.lateCheckUntil then return false end
local o = cjson.decode(ARGV[1])
p.lateCheckUntil = nil
for _, k in ipairs({'providerReason', 'providerTransactionId', 'anomaly'}) do
  if o[k] ~= nil then p[k] = o[k] end
end
if o.succeeded then
  p.status = 'succeeded'
  p.reason = nil
  p.lateSuccess = true
  p.settledAt = o.at
  p.notified = false
  redis.call('SADD', KEYS[2], ARGV[2])
elseif p.notified then
  redis.call('SREM', KEYS[2], ARGV[2])
end
local out = cjson.encode(p)
redis.call('SET', KEYS[1], out)
return out`;
const GET = `return redis.call('GET', KEYS[1])`;
// KEYS[1] the payment's lease: taken when free (SET NX PX), renewed only by its holder.
const LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;
const UNFINISHED = `
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local raw = redis.call('GET', ARGV[1] .. id)
  if raw then table.insert(out, raw) end
end
return out`;

/**
 * A {@link PaymentStore} on Redis: payments survive a restart and several bot processes share them; a
 * payment is settled (and `onSettled` fires) by one process only. One JSON value per payment and one set
 * of unfinished ids, written by Lua scripts. It also keeps {@link PaymentLeases} (one expiring key per
 * payment being polled), so a process that dies for good has its payments taken over by another one.
 */
export class RedisPaymentStore implements PaymentStore, PaymentLeases {
  readonly #client: PaymentsRedisClient;
  readonly #base: string;

  constructor(options: RedisPaymentStoreOptions) {
    const parsed = validate(schema, options, "options");
    this.#client = parsed.client;
    this.#base = `${parsed.prefix}{payments}:`;
  }

  async create(payment: StoredPayment): Promise<boolean> {
    return (await this.#run(CREATE, [this.#key(payment.id), this.#set()], [JSON.stringify(payment), payment.id])) === 1;
  }

  async get(id: string): Promise<StoredPayment | undefined> {
    return parse(await this.#run(GET, [this.#key(id)], []));
  }

  async update(id: string, patch: PendingPatch): Promise<void> {
    await this.#run(UPDATE, [this.#key(id)], [JSON.stringify(patch)]);
  }

  async settle(id: string, settlement: Settlement): Promise<StoredPayment | undefined> {
    return parse(await this.#run(SETTLE, [this.#key(id)], [JSON.stringify(settlement)]));
  }

  async settleLate(id: string, outcome: LateOutcome): Promise<StoredPayment | undefined> {
    return parse(await this.#run(SETTLE_LATE, [this.#key(id), this.#set()], [JSON.stringify(outcome), id]));
  }

  async markNotified(id: string): Promise<void> {
    await this.#run(NOTIFIED, [this.#key(id), this.#set()], [id]);
  }

  async listUnfinished(): Promise<StoredPayment[]> {
    const raw = await this.#run(UNFINISHED, [this.#set()], [`${this.#base}p:`]);
    return (Array.isArray(raw) ? raw : []).map(parse).filter((p): p is StoredPayment => p !== undefined);
  }

  async lease(id: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.#run(LEASE, [this.#leaseKey(id)], [owner, Math.max(1, Math.ceil(ttlMs))])) === 1;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.#run(RELEASE, [this.#leaseKey(id)], [owner]);
  }

  #leaseKey(id: string): string {
    return `${this.#base}lease:${id}`;
  }

  #key(id: string): string {
    return `${this.#base}p:${id}`;
  }

  #set(): string {
    return `${this.#base}unfinished`;
  }

  async #run(source: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    const sha = SHAS.get(source) ?? createHash("sha1").update(source).digest("hex");
    SHAS.set(source, sha);
    try {
      return await this.#client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      // NOSCRIPT: the server does not know the script yet (or was flushed); EVAL loads and runs it.
      if (!String((error as { message?: unknown })?.message ?? error).includes("NOSCRIPT")) throw error;
      return this.#client.eval(source, keys.length, ...keys, ...args);
    }
  }
}

const SHAS = new Map<string, string>();

function parse(raw: unknown): StoredPayment | undefined {
  if (typeof raw !== "string") return undefined;
  return JSON.parse(raw) as StoredPayment;
}
