import { describe, expect, it } from "vitest";
import { MemoryBackend } from "./backend/memory-backend.js";
import { createFlowEngine } from "./engine/engine.js";
import { FlowsAbortError } from "./errors.js";
import { courierFlow } from "./flows/courier/courier-flow.js";
import type { RedisLike } from "./sessions/redis-client.js";
import { RedisUserLock } from "./sessions/redis-lock.js";
import { RecordingMessenger } from "./testing/recording-messenger.js";

describe("a fired AbortSignal is a FlowsAbortError", () => {
  it("ends a lock wait", async () => {
    // Every SET NX fails: the lock stays someone else's until the caller gives up.
    const taken = async () => 0;
    const client: RedisLike = { eval: taken, evalsha: taken };
    const lock = new RedisUserLock({ client, waitMs: 60_000 });
    const controller = new AbortController();
    const pending = lock.acquire("u1", controller.signal).catch((e: unknown) => e);
    controller.abort(new Error("caller left"));
    const error = await pending;
    expect(FlowsAbortError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "FLOWS_ABORTED", operation: "acquire lock", retryable: false });
  });

  it("stops engine.handle before anything is recorded or sent", async () => {
    const messenger = new RecordingMessenger();
    const engine = createFlowEngine({ messenger, flows: [courierFlow({ backend: new MemoryBackend() })] });
    const inbound = { id: "wamid.1", from: "242061234567", message: { type: "text", text: "Bonjour" } } as const;
    const aborted = await engine.handle(inbound, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(FlowsAbortError.isInstance(aborted)).toBe(true);
    // The same message handled afterwards is new to the engine, not a duplicate: the aborted call recorded nothing.
    const later = await engine.handle(inbound);
    expect(later.status).not.toBe("duplicate");
    expect(messenger.sent.length).toBeGreaterThan(0);
  });
});
