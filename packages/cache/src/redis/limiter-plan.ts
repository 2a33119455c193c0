// What RedisStore sends and reads for one limiter rule, worked out once per rule rather than on every check: the
// script, the key prefix with its hash tag, and the rule's numbers already as strings (ioredis would otherwise turn
// each number into a string on every command). A check then builds one small array of strings and parses two or four
// integers back.
import { CacheUnavailableError } from "../errors.js";
import type { RateLimitResult, RateLimitRule } from "../rate-limit/types.js";
import type { LuaScript } from "./command.js";
import { limiterScripts } from "./scripts.js";

/** How one rule is checked on Redis. */
export interface LimiterPlan {
  readonly script: LuaScript;
  /** `[sha, numKeys, ...keys, ...argv]` for one EVALSHA; a fresh array each time (a NOSCRIPT retry rewrites `[0]`). */
  command(key: string, cost: number): string[];
  /** The script's reply as a result. */
  parse(reply: unknown): RateLimitResult;
}

/**
 * Plans the checks of `rule` under `prefix`. The counter is `{<prefix>:<rule name>:<key>}`, the block marker the same
 * plus `b`: one hash tag, so one Cluster slot. Only the keys the script touches are sent.
 */
export function planLimiter(prefix: string, rule: RateLimitRule): LimiterPlan {
  const scripts = limiterScripts();
  const open = `{${prefix}:${rule.name}:`;
  const points = String(rule.points);
  const duration = String(rule.duration);
  const block = String(rule.blockDurationMs);
  const costOf = (cost: number) => (cost === 1 ? "1" : String(cost));
  if (rule.algorithm === "fixed-window" && rule.blockDurationMs === 0) {
    // The common case gets the lean script: no block key, no block argument, a two-integer reply.
    const script = scripts["fixed-window-no-block"];
    return {
      script,
      command: (key, cost) => [script.sha, "1", `${open}${key}}`, points, duration, costOf(cost)],
      parse: (reply) => parseLean(reply, rule.points),
    };
  }
  const script = scripts[rule.algorithm];
  return {
    script,
    command:
      rule.blockDurationMs > 0
        ? (key, cost) => {
            const tag = `${open}${key}}`;
            return [script.sha, "2", tag, `${tag}b`, points, duration, costOf(cost), block];
          }
        : (key, cost) => [script.sha, "1", `${open}${key}}`, points, duration, costOf(cost), block],
    parse: parseFull,
  };
}

/** The lean fixed-window reply: [used (or -used-1 when denied), ms left in the window]. */
function parseLean(reply: unknown, points: number): RateLimitResult {
  if (!Array.isArray(reply) || reply.length !== 2) throw unexpected();
  const signed = Number(reply[0]);
  const left = Number(reply[1]);
  const allowed = signed >= 0;
  const used = allowed ? signed : -signed - 1;
  return { allowed, remaining: points - used, resetMs: used > 0 ? left : 0, retryAfterMs: allowed ? 0 : left };
}

/** The other scripts' reply: [allowed 0|1, remaining, resetMs, retryAfterMs]. */
function parseFull(reply: unknown): RateLimitResult {
  if (!Array.isArray(reply) || reply.length !== 4) throw unexpected();
  return {
    allowed: reply[0] === 1,
    remaining: Number(reply[1]),
    resetMs: Number(reply[2]),
    retryAfterMs: Number(reply[3]),
  };
}

function unexpected(): CacheUnavailableError {
  return new CacheUnavailableError("EVALSHA", "connection", "unexpected reply from the rate-limit script");
}
