import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../messaging/inbound.js";
import { MemoryMailbox } from "./memory-mailbox.js";

const text = (id: string, from: string, body = id): InboundMessage => ({
  id,
  from,
  message: { type: "text", text: body },
});

/** Takes a user's messages out in the order the engine would: peek the head, handle it, ack it. */
async function drain(mailbox: MemoryMailbox, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let head = await mailbox.peek(userId); head; head = await mailbox.peek(userId)) {
    ids.push(head.id);
    await mailbox.ack(userId, head.id);
  }
  return ids;
}

describe("MemoryMailbox", () => {
  it("gives each user their messages in arrival order, users apart", async () => {
    const mailbox = new MemoryMailbox();
    expect(await mailbox.append([text("a1", "A"), text("b1", "B"), text("a2", "A")])).toBe(3);
    expect(await mailbox.append([text("a3", "A")])).toBe(1);
    expect(mailbox.size).toBe(4);
    expect(await drain(mailbox, "B")).toEqual(["b1"]);
    expect(await drain(mailbox, "A")).toEqual(["a1", "a2", "a3"]);
    expect(await mailbox.peek("A")).toBeUndefined();
    expect(mailbox.size).toBe(0);
  });

  it("refuses a redelivered id for the dedupe window, handled or not, and takes it again after", async () => {
    let now = 1_000;
    const mailbox = new MemoryMailbox({ dedupeWindowMs: 60_000, now: () => now });
    expect(await mailbox.append([text("m1", "A"), text("m1", "A")])).toBe(1);
    expect(await mailbox.append([text("m1", "A")])).toBe(0);
    await mailbox.ack("A", "m1");
    now += 59_999;
    expect(await mailbox.append([text("m1", "A")])).toBe(0);
    expect(await mailbox.peek("A")).toBeUndefined();
    now += 1;
    expect(await mailbox.append([text("m1", "A")])).toBe(1);
    expect((await mailbox.peek("A"))?.id).toBe("m1");
  });

  it("acks only the head, and only when its id matches", async () => {
    const mailbox = new MemoryMailbox();
    await mailbox.append([text("a1", "A"), text("a2", "A")]);
    await mailbox.ack("A", "a2");
    await mailbox.ack("B", "a1");
    expect((await mailbox.peek("A"))?.id).toBe("a1");
    await mailbox.ack("A", "a1");
    await mailbox.ack("A", "a1");
    expect((await mailbox.peek("A"))?.id).toBe("a2");
  });

  it("keeps a copy: what the engine reads is what was recorded, timestamps and locations included", async () => {
    const mailbox = new MemoryMailbox();
    const at = new Date("2026-11-21T09:00:00Z");
    const message: InboundMessage = {
      id: "loc",
      from: "A",
      timestamp: at,
      contactName: "Aline Mbemba",
      message: { type: "location", latitude: -4.2634, longitude: 15.2429, name: "Marché Total" },
    };
    await mailbox.append([message]);
    (message.message as { latitude: number }).latitude = 0;
    expect(await mailbox.peek("A")).toEqual({
      ...message,
      message: { type: "location", latitude: -4.2634, longitude: 15.2429, name: "Marché Total" },
    });
    expect((await mailbox.peek("A"))?.timestamp?.getTime()).toBe(at.getTime());
  });

  it("for any interleaving of deliveries, redeliveries and acks, gives each user's messages once, in order", async () => {
    const users = ["A", "B", "C"];
    const op = fc.oneof(
      // A webhook delivery: a few messages, ids from a small pool so that redeliveries happen.
      fc
        .array(fc.record({ n: fc.nat(15), user: fc.constantFrom(...users) }), { minLength: 1, maxLength: 4 })
        .map((items) => ({ kind: "append" as const, items })),
      fc.record({ kind: fc.constant("take" as const), user: fc.constantFrom(...users) }),
      fc.record({ kind: fc.constant("stray-ack" as const), user: fc.constantFrom(...users), n: fc.nat(15) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const mailbox = new MemoryMailbox();
        // The model: an id belongs to the user of its first delivery and is queued once.
        const owner = new Map<number, string>();
        const expected = new Map<string, string[]>(users.map((u) => [u, []]));
        const taken = new Map<string, string[]>(users.map((u) => [u, []]));
        for (const o of ops) {
          if (o.kind === "append") {
            await mailbox.append(o.items.map(({ n, user }) => text(`m${n}`, owner.get(n) ?? user)));
            for (const { n, user } of o.items) {
              if (owner.has(n)) continue;
              owner.set(n, user);
              expected.get(user)?.push(`m${n}`);
            }
          } else if (o.kind === "take") {
            const head = await mailbox.peek(o.user);
            if (head) {
              taken.get(o.user)?.push(head.id);
              await mailbox.ack(o.user, head.id);
            }
          } else {
            const head = await mailbox.peek(o.user);
            if (head?.id !== `m${o.n}`) await mailbox.ack(o.user, `m${o.n}`);
          }
        }
        for (const u of users) {
          taken.get(u)?.push(...(await drain(mailbox, u)));
          expect(taken.get(u)).toEqual(expected.get(u));
        }
      }),
      { numRuns: 200 },
    );
  });
});
