import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * The part of an ioredis client the Redis session store and lock use. Typed structurally so
 * ioredis stays an optional peer: pass `new Redis(url)` (or a `Cluster`).
 */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  evalsha(sha1: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** A Lua script run by its SHA1, loaded on first use (and after a `SCRIPT FLUSH`). */
export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash("sha1").update(source).digest("hex");
  }

  async run(client: RedisLike, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (err) {
      // NOSCRIPT: the server does not know the script yet; EVAL loads and runs it.
      if (!String((err as { message?: unknown })?.message ?? err).includes("NOSCRIPT")) throw err;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

/** The `client` option of the Redis stores: anything that looks like an ioredis client. */
export const redisClientSchema = z.custom<RedisLike>(
  (v) => typeof v === "object" && v !== null && typeof (v as RedisLike).eval === "function",
  "must be an ioredis client",
);

/** Options every Redis-backed part of the package shares (session store, user lock), with their defaults. */
export const redisOptionsSchema = z.object({
  client: redisClientSchema,
  prefix: z.string().min(1).default("toktok:flows:"),
});
