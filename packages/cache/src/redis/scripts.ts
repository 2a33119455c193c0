// Lua scripts of RedisStore: one per algorithm, each a single atomic round trip that reads Redis' own clock
// (TIME, so app hosts' clocks never matter), applies the same rules as src/rate-limit/algorithms.ts, and leaves
// every key it writes with an expiry. KEYS[1] = counter, KEYS[2] = second counter (fixed window only), and last the
// block marker, passed only when a block is configured (all keys share one hash tag: one slot).
// ARGV = points, duration, cost (0 = read only), blockDurationMs. Reply = { allowed 0|1, remaining, resetMs, retryAfterMs }.
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

// Two counters alternate by window parity (KEYS[1] even windows, KEYS[2] odd ones), each expiring right after its
// window ends (PEXPIREAT): the steady state is TIME + INCRBY, and a key left over from a window can never count in
// the next one. A denial undoes its INCRBY, so denied requests never consume.
const fixedWindow = `
local w = math.floor(now / duration)
local windowEnd = (w + 1) * duration
local windowLeft = windowEnd - now
local counter = key
if w % 2 == 1 then counter = KEYS[2] end
local used
if cost > 0 and not blocked then
  used = redis.call('INCRBY', counter, cost)
  if used == cost then redis.call('PEXPIREAT', counter, windowEnd) end
  if used > points then
    used = redis.call('DECRBY', counter, cost)
  else
    allowed = true
  end
else
  used = tonumber(redis.call('GET', counter) or '0')
  allowed = (not blocked) and used + cost <= points
end
remaining = points - used
if used > 0 then resetMs = windowLeft end
if not allowed then retry = windowLeft end
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

// The fixed window without a block duration — the common case — as a lean script of its own: no block key, no
// generic head/tail. Same rules as fixedWindow above; a shorter reply (see its end). KEYS = both counters.
const fixedWindowNoBlock = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local points, duration, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local w = math.floor(now / duration)
local windowEnd = (w + 1) * duration
local counter = KEYS[1 + w % 2]
local used
local allowed = 0
if cost > 0 then
  used = redis.call('INCRBY', counter, cost)
  if used == cost then redis.call('PEXPIREAT', counter, windowEnd) end
  if used > points then used = redis.call('DECRBY', counter, cost) else allowed = 1 end
else
  used = tonumber(redis.call('GET', counter) or '0')
  if used <= points then allowed = 1 end
end
-- Two integers (the client derives the rest): used points, negated minus one when denied; ms left in the window.
if allowed == 0 then used = -used - 1 end
return { used, windowEnd - now }
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
