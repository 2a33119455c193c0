// Lua scripts of RedisStore: one per algorithm, each a single atomic round trip on Redis' own clock (so app hosts'
// clocks never matter), applying the same rules as src/rate-limit/algorithms.ts and leaving every key it writes with
// an expiry. KEYS[1] = counter, and last the block marker, passed only when a block is configured (all keys share
// one hash tag: one slot). ARGV = points, duration, cost (0 = read only), blockDurationMs (not sent to the lean
// fixed window). Reply = { allowed 0|1, remaining, resetMs, retryAfterMs }, except the lean fixed window's (below).
import { type LuaScript, lua } from "./command.js";

const head = `
local key, bkey = KEYS[1], KEYS[#KEYS]
local points, duration = tonumber(ARGV[1]), tonumber(ARGV[2])
local cost, block = tonumber(ARGV[3]), tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
-- no block configured, no block key to read: saves a call on the hot path
local blockedUntil = 0
if block > 0 then blockedUntil = tonumber(redis.call('GET', bkey) or '0') end
local blocked = blockedUntil > now
local allowed, remaining, resetMs, retry = false, 0, 0, 0
`;

const tail = `
if blocked then
  local left = blockedUntil - now
  allowed, remaining = false, 0
  if retry < left then retry = left end
  if resetMs < left then resetMs = left end
elseif (not allowed) and cost > 0 and block > 0 then
  redis.call('SET', bkey, now + block, 'PX', block)
  if retry < block then retry = block end
  if resetMs < block then resetMs = block end
end
return { allowed and 1 or 0, remaining, resetMs, retry }
`;

const slidingWindow = `
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - duration)
local used = redis.call('ZCARD', key)
allowed = (not blocked) and used + cost <= points
local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
local newestAt = newest[2] and tonumber(newest[2]) or nil
if allowed and cost > 0 then
  -- never stamp before the newest point, should the server clock step back
  local stamp = now
  if newestAt and newestAt > stamp then stamp = newestAt end
  for i = 1, cost do redis.call('ZADD', key, stamp, stamp .. ':' .. (used + i)) end
  used = used + cost
  newestAt = stamp
end
remaining = points - used
if newestAt then
  resetMs = newestAt + duration - now
  if allowed and cost > 0 then redis.call('PEXPIRE', key, math.max(1, resetMs)) end
end
if not allowed then
  local idx = used + cost - points - 1
  if idx >= 0 then
    local e = redis.call('ZRANGE', key, idx, idx, 'WITHSCORES')
    if e[2] then retry = tonumber(e[2]) + duration - now end
  end
end
`;

// One counter per key, expiring (PEXPIREAT) at the end of its aligned window, so it only ever holds the current
// window's count. Redis still serves a key during the millisecond it expires at (it drops keys once now > expiry):
// a PTTL of 0 therefore means that window is over, and the counter starts afresh like an absent one. Denied requests
// never consume.
const fixedWindow = `
local left = redis.call('PTTL', key)
local fresh = left <= 0
local used = 0
if fresh then left = duration - now % duration else used = tonumber(redis.call('GET', key)) end
allowed = (not blocked) and used + cost <= points
if allowed and cost > 0 then
  if fresh then
    redis.call('SET', key, cost)
    redis.call('PEXPIREAT', key, now + left)
  else
    redis.call('INCRBY', key, cost)
  end
  used = used + cost
end
remaining = points - used
if used > 0 then resetMs = left end
if not allowed then retry = left end
`;

// Tokens are stored × duration so that refills stay integers (see algorithms.ts); state is "<value>:<at>".
const tokenBucket = `
local capacity = points * duration
local value, at = capacity, now
local state = redis.call('GET', key)
if state then
  local sep = string.find(state, ':', 1, true)
  if sep then value, at = tonumber(string.sub(state, 1, sep - 1)), tonumber(string.sub(state, sep + 1)) end
end
if now > at then
  value = math.min(capacity, value + (now - at) * points)
  at = now
end
local need = cost * duration
allowed = (not blocked) and value >= need
if allowed and cost > 0 then value = value - need end
remaining = math.floor(value / duration)
resetMs = math.ceil((capacity - value) / points)
if not allowed then retry = math.max(0, math.ceil((need - value) / points)) end
if value >= capacity then
  if state then redis.call('DEL', key) end
elseif cost > 0 or state then
  redis.call('SET', key, string.format('%d:%d', value, at), 'PX', resetMs)
end
`;

// The fixed window without a block duration — the common case — as a lean script of its own, same rules as
// fixedWindow above, cheapest when allowed: INCRBY and PTTL. Redis' clock (TIME) is read only to open a window, which
// is then aligned on it; within a window the counter's expiry, kept by Redis' clock, tells how much is left. Plain
// operators rather than tonumber()/math.floor, and ARGV strings passed through as they came: measurably less Redis
// CPU per call. Reply: two integers (the client derives the rest): points used, negated minus one when denied; ms
// left in the window (0 when nothing is counted).
const fixedWindowNoBlock = `
local points, cost = ARGV[1] + 0, ARGV[3] + 0
local used, left = 0, 0
if cost > 0 then
  used = redis.call('INCRBY', KEYS[1], ARGV[3])
  if used ~= cost then left = redis.call('PTTL', KEYS[1]) end
  if left <= 0 then
    -- the window's first points, or its counter is in its last ms: open the window holding Redis' time now
    local t = redis.call('TIME')
    local us = t[2] + 0
    local now = t[1] * 1000 + (us - us % 1000) / 1000
    left = ARGV[2] - now % ARGV[2]
    if used ~= cost then
      redis.call('SET', KEYS[1], ARGV[3])
      used = cost
    end
    redis.call('PEXPIREAT', KEYS[1], now + left)
  end
  if used > points then used = -redis.call('DECRBY', KEYS[1], ARGV[3]) - 1 end
else
  used = tonumber(redis.call('GET', KEYS[1]) or '0')
  if used > 0 then left = redis.call('PTTL', KEYS[1]) end
  if left <= 0 then used, left = 0, 0 end
  if used > points then used = -used - 1 end
end
return { used, left }
`;

type ScriptName = "sliding-window" | "fixed-window" | "token-bucket" | "fixed-window-no-block";
let cache: Record<ScriptName, LuaScript> | undefined;

/** The scripts, hashed on first use (keeps importing the package free of work). */
export function limiterScripts(): Record<ScriptName, LuaScript> {
  cache ??= {
    "sliding-window": lua(head + slidingWindow + tail),
    "fixed-window": lua(head + fixedWindow + tail),
    "token-bucket": lua(head + tokenBucket + tail),
    "fixed-window-no-block": lua(fixedWindowNoBlock),
  };
  return cache;
}
