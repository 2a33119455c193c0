import { describe, expect, it } from "vitest";
import { CacheAbortError, CacheCommandError, CacheUnavailableError } from "../errors.js";
import { exchange, lua, runCommand, runScript, toCacheError } from "./command.js";

const replyError = (message: string) => Object.assign(new Error(message), { name: "ReplyError" });

describe("Redis error mapping", () => {
  it("reply errors are command errors, transient replies and network errors are unavailability", () => {
    expect(CacheCommandError.isInstance(toCacheError("GET", replyError("WRONGTYPE Operation against a key")))).toBe(
      true,
    );
    const busy = toCacheError("EVALSHA", replyError("BUSY Redis is busy running a script"));
    expect(CacheUnavailableError.isInstance(busy) && busy.retryable).toBe(true);
    const closed = toCacheError("GET", new Error("Connection is closed."));
    expect(CacheUnavailableError.isInstance(closed) && closed.reason).toBe("connection");
  });

  it("a client that never answers is cut off with reason timeout", async () => {
    const client = { call: () => new Promise<unknown>(() => {}) };
    const error = await runCommand(client, 20, undefined, "PING").catch((e: unknown) => e);
    expect(CacheUnavailableError.isInstance(error) && error.reason).toBe("timeout");
  });

  it("an abort ends the wait with reason aborted", async () => {
    const client = { call: () => new Promise<unknown>(() => {}) };
    const controller = new AbortController();
    const pending = runCommand(client, 10_000, controller.signal, "PING").catch((e: unknown) => e);
    controller.abort();
    const error = await pending;
    expect(CacheUnavailableError.isInstance(error) && error.reason).toBe("aborted");
    expect(CacheAbortError.isInstance(error) && error.retryable).toBe(false);
  });

  it("runScript falls back to EVAL on NOSCRIPT only", async () => {
    const calls: string[] = [];
    const client = {
      call: (command: string) => {
        calls.push(command);
        return command === "EVALSHA" ? Promise.reject(replyError("NOSCRIPT No matching script")) : Promise.resolve(7);
      },
    };
    expect(await runScript(client, 1000, undefined, lua("return 7"), ["k"], [])).toBe(7);
    expect(calls).toEqual(["EVALSHA", "EVAL"]);
  });

  it("a reply arriving after the deadline is ignored: only the timeout is reported", async () => {
    const client = { call: () => new Promise<unknown>((resolve) => setTimeout(resolve, 60, "late")) };
    const replies: unknown[] = [];
    const outcome = await exchange(
      client,
      10,
      undefined,
      "PING",
      [],
      (reply): string => {
        replies.push(reply);
        return "reply";
      },
      (error) => (CacheUnavailableError.isInstance(error) ? error.reason : "other"),
    );
    expect(outcome).toBe("timeout");
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(replies).toEqual([]);
  });
});
