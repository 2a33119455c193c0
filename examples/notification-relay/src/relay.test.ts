import { setTimeout as sleep } from "node:timers/promises";
import { RecordingMessenger } from "@toktok/flows/testing";
import { createLogger } from "@toktok-example/shared";
import { describe, expect, it, vi } from "vitest";
import { acceptedMission, newOrder } from "./e2e/fixtures.ts";
import { StoreUnavailableError } from "./errors.ts";
import type { RelayEvent } from "./event-schema.ts";
import { MemoryIdempotencyStore } from "./idempotency/memory-store.ts";
import type { ClaimTimes, IdempotencyStore, RelayOutcome } from "./idempotency/types.ts";
import { createRelay, type RelayResult } from "./relay.ts";
import { scriptedMessenger } from "./test-support/scripted-messenger.ts";

const logger = createLogger("silent");
const CLIENT = "242061110001";
const event = (n: string, extra: Partial<RelayEvent> = {}): RelayEvent =>
  ({ eventId: `unit-${n}`, type: "mission.status_changed", mission: acceptedMission("1"), ...extra }) as RelayEvent;
const whatsappError = () => Object.assign(new Error("(#131000) Something went wrong"), { code: 131000 });
const windowClosed = () => Object.assign(new Error("(#131047) Re-engagement message"), { code: 131047 });

/** A relay on a memory store whose lease clock the test moves; the customer's phone is `recording`. */
function setup(options: { store?: IdempotencyStore; leaseMs?: number } = {}) {
  let now = 1_000_000;
  const store = options.store ?? new MemoryIdempotencyStore({ now: () => now });
  const recording = new RecordingMessenger();
  const make = () => {
    const messenger = scriptedMessenger(recording);
    const relay = createRelay({
      messenger,
      store,
      ttlMs: 60_000,
      leaseMs: options.leaseMs ?? 15_000,
      locale: "fr",
      logger,
    });
    return { messenger, relay };
  };
  return {
    store,
    recording,
    make,
    ...make(),
    advance: (ms: number) => {
      now += ms;
    },
    kinds: (to = CLIENT) => recording.to(to).map((m) => m.type),
  };
}
const sent = (result: RelayResult): RelayOutcome => {
  if (result.kind !== "sent" && result.kind !== "duplicate") throw new Error(`expected an outcome, got ${result.kind}`);
  return result.outcome;
};

describe("createRelay: leases", () => {
  it("sends the status text and the driver's card once; a repeat is a duplicate", async () => {
    const { relay, kinds } = setup();
    const first = sent(await relay.process(event("a")));
    expect(kinds()).toEqual(["text", "contacts"]);
    expect(await relay.process(event("a"))).toEqual({ kind: "duplicate", outcome: first });
    expect(kinds()).toEqual(["text", "contacts"]);
  });

  it("frees a crashed worker's claim when its lease ends: the retry sends only the parts still missing", async () => {
    const { relay: crashed, messenger, make, advance, kinds, recording } = setup();
    // The worker dies while sending the card: it never answers, never renews, never releases.
    messenger.hangOn(2);
    void crashed.process(event("b"));
    await vi.waitFor(() => expect(kinds()).toEqual(["text"]));

    const { relay: retrying } = make();
    const during = await retrying.process(event("b"));
    expect(during).toMatchObject({ kind: "in_progress" });
    expect((during as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(15_000);

    advance(15_001);
    const outcome = sent(await retrying.process(event("b")));
    expect(kinds()).toEqual(["text", "contacts"]);
    expect(outcome.messageIds).toEqual(recording.sent.map((m) => m.messageId));
    expect(retrying.counters.snapshot()).toMatchObject({ parts_sent: 1, parts_reused: 1 });
  });

  it("renews the lease while a slow send runs: a retry meanwhile gets in_progress, and nothing is sent twice", async () => {
    const { relay, messenger, kinds, make } = setup({ store: new MemoryIdempotencyStore(), leaseMs: 500 });
    messenger.hangOn(
      1,
      sleep(1_300).then(() => {}),
    );
    const first = relay.process(event("c"));
    // Twice the lease: only renewals keep it.
    await sleep(1_000);
    expect(await make().relay.process(event("c"))).toMatchObject({ kind: "in_progress" });
    expect((await first).kind).toBe("sent");
    expect((await make().relay.process(event("c"))).kind).toBe("duplicate");
    expect(kinds()).toEqual(["text", "contacts"]);
  });

  it("stops before the next part once its lease is taken over, keeping what it sent for the new owner", async () => {
    class TakenOver extends MemoryIdempotencyStore {
      override async renew(): Promise<boolean> {
        return false;
      }
    }
    const { relay, messenger, kinds, make } = setup({ store: new TakenOver(), leaseMs: 1_000 });
    // The first renewal (after a third of the lease) learns the lease is someone else's.
    messenger.hangOn(
      1,
      sleep(500).then(() => {}),
    );
    expect(await relay.process(event("d"))).toMatchObject({ kind: "in_progress" });
    expect(kinds()).toEqual(["text"]);
    expect(relay.counters.snapshot().leases_lost).toBe(1);
    expect((await make().relay.process(event("d"))).kind).toBe("sent");
    expect(kinds()).toEqual(["text", "contacts"]);
  });

  it("never sends twice when the outcome cannot be recorded: in_progress during the lease, then the parts are reused", async () => {
    class ForgetfulStore extends MemoryIdempotencyStore {
      override async complete(): Promise<boolean> {
        throw new StoreUnavailableError(new Error("redis went away"));
      }
    }
    let now = 0;
    const { relay, kinds } = setup({ store: new ForgetfulStore({ now: () => now }) });
    const first = sent(await relay.process(event("e")));
    expect(await relay.process(event("e"))).toMatchObject({ kind: "in_progress" });
    now += 15_001;
    expect(sent(await relay.process(event("e")))).toEqual(first);
    expect(kinds()).toEqual(["text", "contacts"]);
    expect(relay.counters.snapshot()).toMatchObject({ outcomes_unrecorded: 2, parts_reused: 2 });
  });
});

describe("createRelay: parts", () => {
  it("after a partial failure (text sent, card refused) answers failed, and the retry sends only the card", async () => {
    const { relay, messenger, kinds, recording } = setup();
    messenger.failOn(2, whatsappError());
    expect(await relay.process(event("f"))).toMatchObject({ kind: "failed" });
    expect(kinds()).toEqual(["text"]);
    const outcome = sent(await relay.process(event("f")));
    expect(kinds()).toEqual(["text", "contacts"]);
    expect(outcome.messageIds).toEqual(recording.sent.map((m) => m.messageId));
    expect((await relay.process(event("f"))).kind).toBe("duplicate");
  });

  it("keeps each recipient's parts when a retry takes another path (the 24-hour window reopened)", async () => {
    const { relay, messenger, kinds } = setup();
    const inTransit = event("g", { status: "in_transit" });
    const RECIPIENT = "242055551234";
    messenger.failOn(1, windowClosed()); // client's text → template instead
    messenger.failOn(4, whatsappError()); // recipient's card
    expect((await relay.process(inTransit)).kind).toBe("failed");
    expect(kinds()).toEqual(["template"]);
    expect(kinds(RECIPIENT)).toEqual(["text"]);
    // The retry's sequence differs (the client's text now goes through), the recipient's text is still not resent.
    expect((await relay.process(inTransit)).kind).toBe("sent");
    expect(kinds(RECIPIENT)).toEqual(["text", "contacts"]);
    expect(kinds()).toEqual(["template", "text"]);
  });

  it("announces a new order to the merchant once, even when the client's message failed first", async () => {
    const { relay, messenger, kinds } = setup();
    const order: RelayEvent = {
      eventId: "unit-h",
      type: "order.status_changed",
      order: newOrder("1"),
      merchantPhone: "+242069990000",
    };
    messenger.failOn(1, whatsappError());
    expect((await relay.process(order)).kind).toBe("failed");
    expect((await relay.process(order)).kind).toBe("sent");
    expect(kinds("242061120001")).toEqual(["text"]);
    expect(kinds("242069990000")).toEqual(["text"]);
  });
});

describe("createRelay: store unavailable", () => {
  it("answers unavailable and sends nothing when the event cannot be claimed", async () => {
    class Down extends MemoryIdempotencyStore {
      override async begin(_id: string, _times: ClaimTimes): Promise<never> {
        throw new StoreUnavailableError(new Error("ECONNREFUSED"));
      }
    }
    const { relay, recording } = setup({ store: new Down() });
    expect(await relay.process(event("i"))).toMatchObject({ kind: "unavailable" });
    expect(recording.sent).toEqual([]);
    expect(relay.counters.snapshot().store_unavailable).toBe(1);
  });

  it("stops at the first part it cannot record: no further part goes out", async () => {
    class CannotRecord extends MemoryIdempotencyStore {
      override async recordPart(): Promise<void> {
        throw new StoreUnavailableError(new Error("ECONNRESET"));
      }
    }
    const { relay, kinds } = setup({ store: new CannotRecord() });
    expect(await relay.process(event("j"))).toMatchObject({ kind: "unavailable" });
    expect(kinds()).toEqual(["text"]);
  });
});
