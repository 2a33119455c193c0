import { RecordingMessenger } from "@toktok/flows";
import { describe, expect, it } from "vitest";
import { acceptedMission } from "./e2e/fixtures.ts";
import type { RelayEvent } from "./event-schema.ts";
import { MemoryIdempotencyStore } from "./idempotency/memory-store.ts";
import type { RelayOutcome } from "./idempotency/types.ts";
import { createLogger } from "./logger.ts";
import { createRelay } from "./relay.ts";

const event = (n: string): RelayEvent => ({
  eventId: `unit-${n}`,
  type: "mission.status_changed",
  mission: acceptedMission(n),
});
const logger = createLogger("silent");

describe("createRelay", () => {
  it("never notifies twice when the outcome cannot be recorded: the retry gets in_progress", async () => {
    class ForgetfulStore extends MemoryIdempotencyStore {
      override async complete(_id: string, _outcome: RelayOutcome, _ttl: number): Promise<void> {
        throw new Error("redis went away");
      }
    }
    const messenger = new RecordingMessenger();
    const relay = createRelay({ messenger, store: new ForgetfulStore(), ttlMs: 60_000, locale: "fr", logger });
    const first = await relay.process(event("1"));
    expect(first.kind).toBe("sent");
    const sent = messenger.sent.length;
    expect(sent).toBeGreaterThan(0);
    expect(await relay.process(event("1"))).toEqual({ kind: "in_progress" });
    expect(messenger.sent.length).toBe(sent);
  });

  it("frees the id when sending fails, so the retry sends", async () => {
    const messenger = new RecordingMessenger();
    const relay = createRelay({ messenger, store: new MemoryIdempotencyStore(), ttlMs: 60_000, locale: "fr", logger });
    messenger.failNextSend(Object.assign(new Error("boom"), { code: 131000 }));
    expect((await relay.process(event("2"))).kind).toBe("failed");
    expect((await relay.process(event("2"))).kind).toBe("sent");
    expect((await relay.process(event("2"))).kind).toBe("duplicate");
  });
});
