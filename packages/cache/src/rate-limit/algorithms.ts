// The three algorithms as pure steps over a small mutable state, used by the memory store. The Lua scripts of the
// Redis store (src/redis/scripts.ts) implement the very same rules; keep them in step.
import type { RateLimitResult, RateLimitRule } from "./types.js";

/** Counter state of one key. `stamps` is only used by the sliding window (one entry per point, oldest first). */
export interface LimiterState {
  /** fixed-window: window start; token-bucket: last refill time. */
  at: number;
  /** fixed-window: points used; token-bucket: tokens left × duration. */
  value: number;
  stamps: number[];
  blockedUntil: number;
  /** When the state becomes equivalent to an absent key (full and unblocked): it may then be dropped. */
  expiresAt: number;
}

export function newState(rule: RateLimitRule, now: number): LimiterState {
  return {
    at: rule.algorithm === "fixed-window" ? Math.floor(now / rule.duration) * rule.duration : now,
    value: rule.algorithm === "token-bucket" ? rule.points * rule.duration : 0,
    stamps: [],
    blockedUntil: 0,
    expiresAt: now,
  };
}

/** Applies a consume of `cost` points (0 = read only) at `now`; mutates `state`. */
export function step(state: LimiterState, rule: RateLimitRule, now: number, cost: number): RateLimitResult {
  const result =
    rule.algorithm === "fixed-window"
      ? fixedWindow(state, rule, now, cost)
      : rule.algorithm === "token-bucket"
        ? tokenBucket(state, rule, now, cost)
        : slidingWindow(state, rule, now, cost);
  if (state.blockedUntil > now) {
    const blockedFor = state.blockedUntil - now;
    result.allowed = false;
    result.remaining = 0;
    result.retryAfterMs = Math.max(result.retryAfterMs, blockedFor);
    result.resetMs = Math.max(result.resetMs, blockedFor);
  } else if (!result.allowed && cost > 0 && rule.blockDurationMs > 0) {
    state.blockedUntil = now + rule.blockDurationMs;
    result.retryAfterMs = Math.max(result.retryAfterMs, rule.blockDurationMs);
    result.resetMs = Math.max(result.resetMs, rule.blockDurationMs);
  }
  state.expiresAt = now + result.resetMs;
  return result;
}

function fixedWindow(state: LimiterState, rule: RateLimitRule, now: number, cost: number): RateLimitResult {
  const windowStart = Math.floor(now / rule.duration) * rule.duration;
  if (windowStart !== state.at) {
    state.at = windowStart;
    state.value = 0;
  }
  const blocked = state.blockedUntil > now;
  const allowed = !blocked && state.value + cost <= rule.points;
  if (allowed) state.value += cost;
  const resetMs = state.value === 0 ? 0 : windowStart + rule.duration - now;
  return {
    allowed,
    remaining: rule.points - state.value,
    resetMs,
    retryAfterMs: allowed ? 0 : windowStart + rule.duration - now,
  };
}

function slidingWindow(state: LimiterState, rule: RateLimitRule, now: number, cost: number): RateLimitResult {
  const stamps = state.stamps;
  // A point taken at t counts while now - t < duration.
  let expired = 0;
  while (expired < stamps.length && (stamps[expired] as number) <= now - rule.duration) expired++;
  if (expired > 0) stamps.splice(0, expired);
  const blocked = state.blockedUntil > now;
  const allowed = !blocked && stamps.length + cost <= rule.points;
  if (allowed) for (let i = 0; i < cost; i++) stamps.push(now);
  const used = stamps.length;
  const newest = stamps[used - 1];
  let retryAfterMs = 0;
  if (!allowed) {
    // The request fits once the (used + cost - points) oldest points have left the window.
    const mustExpire = stamps[used + cost - rule.points - 1];
    retryAfterMs = mustExpire === undefined ? 0 : mustExpire + rule.duration - now;
  }
  return {
    allowed,
    remaining: rule.points - used,
    resetMs: newest === undefined ? 0 : newest + rule.duration - now,
    retryAfterMs,
  };
}

// Tokens are counted in units of 1/duration token (value = tokens × duration) so that with an integer clock every
// refill and comparison is exact integer arithmetic: waiting `retryAfterMs` is then always enough.
function tokenBucket(state: LimiterState, rule: RateLimitRule, now: number, cost: number): RateLimitResult {
  const capacity = rule.points * rule.duration;
  if (now > state.at) {
    state.value = Math.min(capacity, state.value + (now - state.at) * rule.points);
    state.at = now;
  }
  const need = cost * rule.duration;
  const blocked = state.blockedUntil > now;
  const allowed = !blocked && state.value >= need;
  if (allowed) state.value -= need;
  return {
    allowed,
    remaining: Math.floor(state.value / rule.duration),
    resetMs: Math.ceil((capacity - state.value) / rule.points),
    retryAfterMs: allowed ? 0 : Math.max(0, Math.ceil((need - state.value) / rule.points)),
  };
}
