import { describe, expect, it } from "vitest";
import { RedisMailbox } from "../delivery/redis-mailbox.js";
import { FlowsValidationError } from "../errors.js";
import type { RedisLike } from "./redis-client.js";
import { RedisUserLock } from "./redis-lock.js";
import { RedisSessionStore } from "./redis-store.js";

/** Records the keys and arguments of each script call; answers like an empty Redis. */
function recordingClient(answer: unknown = [null, null]) {
  const calls: Array<{ keys: Array<string | number>; args: Array<string | number> }> = [];
  const run = async (_script: string, numKeys: number, ...rest: Array<string | number>) => {
    calls.push({ keys: rest.slice(0, numKeys), args: rest.slice(numKeys) });
    return answer;
  };
  const client: RedisLike = { eval: run, evalsha: run };
  return { client, calls };
}

describe("options of the Redis-backed parts (defaults in their zod schema)", () => {
  it("use the toktok:flows: prefix and a 24 h session TTL by default", async () => {
    const { client, calls } = recordingClient();
    const store = new RedisSessionStore({ client });
    await store.load("242061234567");
    expect(calls[0]?.keys).toEqual(["toktok:flows:session:242061234567"]);
    await store.save("242061234567", { flow: "menu" } as never, 0);
    expect(calls[1]?.args.at(-1)).toBe(24 * 60 * 60 * 1000);
  });

  it("take a given prefix and lifetimes", async () => {
    const { client, calls } = recordingClient(1);
    const lock = new RedisUserLock({ client, prefix: "bot:", ttlMs: 3000 });
    const release = await lock.acquire("u1");
    expect(calls[0]).toMatchObject({ keys: ["bot:lock:u1"], args: [expect.any(String), 3000] });
    await release();
  });

  it("name the offending field", () => {
    const field = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return FlowsValidationError.isInstance(error) ? error.field : "not a validation error";
      }
      return "accepted";
    };
    const { client } = recordingClient();
    expect(field(() => new RedisSessionStore({ client, prefix: "" }))).toBe("prefix");
    expect(field(() => new RedisUserLock({ client, waitMs: -1 }))).toBe("waitMs");
    expect(field(() => new RedisMailbox({ client, dedupeWindowMs: 0 }))).toBe("dedupeWindowMs");
    expect(field(() => new RedisSessionStore({ client: {} as RedisLike }))).toBe("client");
  });
});
