import { describe, expect, it } from "vitest";
import type { RedisClientLike } from "./client.js";
import { coalesceWrites } from "./coalesce-writes.js";

/** A client whose socket records what reaches the kernel: one entry per write call, with the commands it carried. */
function fakeClient() {
  let corked = 0;
  let held: string[] = [];
  const writes: string[][] = [];
  const stream = {
    cork: () => void corked++,
    uncork: () => {
      corked--;
      if (corked === 0 && held.length > 0) {
        writes.push(held);
        held = [];
      }
    },
  };
  const client: RedisClientLike = {
    stream,
    call(command) {
      if (corked > 0) held.push(command);
      else writes.push([command]);
      return Promise.resolve(null);
    },
  };
  const send = (n: number) => {
    for (let i = 0; i < n; i++) {
      coalesceWrites(client);
      void client.call(`c${i}`, []);
    }
  };
  return { client, writes, send, corked: () => corked };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe("coalesceWrites", () => {
  it("sends a burst in groups of 4 at once and the rest at the end of the tick", async () => {
    const a = fakeClient();
    a.send(10);
    expect(a.writes.map((w) => w.length)).toEqual([4, 4]);
    await nextTick();
    expect(a.writes.map((w) => w.length)).toEqual([4, 4, 2]);
    expect(a.writes.flat()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`)); // order kept
    expect(a.corked()).toBe(0);
  });

  it("a lone command waits for the end of the tick only, and every socket is released", async () => {
    const a = fakeClient();
    const b = fakeClient();
    a.send(1);
    b.send(3);
    expect(a.writes).toEqual([]);
    await nextTick();
    expect(a.writes).toEqual([["c0"]]);
    expect(b.writes).toEqual([["c0", "c1", "c2"]]);
    expect(a.corked() + b.corked()).toBe(0);
  });

  it("leaves clients without a socket of their own alone, and they do not disturb the others' groups", async () => {
    // A Cluster has no socket of its own (no `stream`, or one that cannot be corked): its commands go out as sent.
    const notCorkable = { write: (_chunk: string) => true };
    const before = { ...notCorkable };
    const clients: RedisClientLike[] = [
      { call: () => Promise.resolve(null) },
      { call: () => Promise.resolve(null), stream: null },
      { call: () => Promise.resolve(null), stream: notCorkable as unknown as RedisClientLike["stream"] },
    ];
    const a = fakeClient();
    for (let i = 0; i < 10; i++) {
      for (const client of clients) coalesceWrites(client);
      coalesceWrites(a.client);
      void a.client.call(`c${i}`, []);
    }
    expect(notCorkable).toEqual(before); // nothing patched onto the stream-less client
    expect(a.writes.map((w) => w.length)).toEqual([4, 4]); // the corkable client groups exactly as alone
    await nextTick();
    expect(a.writes.map((w) => w.length)).toEqual([4, 4, 2]);
    expect(a.corked()).toBe(0);
  });
});
