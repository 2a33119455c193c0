import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventBuffer, type EventChunk } from "../../tracking/events.js";
import { IngestBuffer } from "./ingest-buffer.js";

let next = 0;
/** A chunk of `n` message events numbered in `at` (1, 2, 3 … across chunks): the tracking order. */
function chunk(n: number): EventChunk {
  let out: EventChunk | null = null;
  const buffer = new EventBuffer(Math.max(n, 1), (c) => {
    out = c;
  });
  for (let i = 0; i < n; i++) buffer.pushMessage(++next, "u", "text", null);
  return (out ?? buffer.drain() ?? { length: 0 }) as EventChunk;
}

/** The `at` numbers of the oldest `max` events, in the order the buffer would write them. */
function peekIds(buffer: IngestBuffer, max = Number.MAX_SAFE_INTEGER): number[] {
  return buffer.peek(max).flatMap(({ chunk: c, start, end }) => Array.from(c.at.subarray(start, end)));
}

describe("IngestBuffer", () => {
  it("is bounded: past capacity the newest events are refused and counted, exactly", () => {
    next = 0;
    const buffer = new IngestBuffer(10);
    expect(buffer.push(chunk(7))).toBe(0);
    expect(buffer.push(chunk(7))).toBe(4); // 3 of the 7 fit
    expect(buffer.size).toBe(10);
    expect(buffer.push(chunk(5))).toBe(5);
    expect(buffer.dropped).toBe(9);
    expect(peekIds(buffer)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    buffer.shift(4);
    expect(buffer.push(chunk(6))).toBe(2);
    expect(peekIds(buffer)).toEqual([5, 6, 7, 8, 9, 10, 20, 21, 22, 23]);
    expect(buffer.dropped).toBe(11);
  });

  it("peeks the oldest events across chunks without removing them, and shifts part of a chunk", () => {
    next = 0;
    const buffer = new IngestBuffer(100);
    buffer.push(chunk(3));
    buffer.push(chunk(4));
    buffer.push(chunk(2));
    expect(peekIds(buffer, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(peekIds(buffer, 5)).toEqual([1, 2, 3, 4, 5]);
    buffer.shift(5);
    expect(buffer.size).toBe(4);
    expect(peekIds(buffer)).toEqual([6, 7, 8, 9]);
    buffer.shift(4);
    expect(buffer.size).toBe(0);
    expect(buffer.peek(10)).toEqual([]);
  });

  it("discard() removes the oldest events and counts them as dropped", () => {
    next = 0;
    const buffer = new IngestBuffer(100);
    buffer.push(chunk(5));
    buffer.discard(3);
    expect(peekIds(buffer)).toEqual([4, 5]);
    expect(buffer.dropped).toBe(3);
    buffer.discard(10);
    expect(buffer.size).toBe(0);
    expect(buffer.dropped).toBe(5);
  });

  it("keeps order and counts every drop under any sequence of pushes and writes (property)", () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ write: fc.integer({ min: 1, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        next = 0;
        const buffer = new IngestBuffer(capacity);
        const model: number[] = [];
        const written: number[] = [];
        let dropped = 0;
        for (const o of ops) {
          if ("push" in o) {
            const first = next + 1;
            const lost = buffer.push(chunk(o.push));
            const kept = Math.min(o.push, capacity - model.length);
            for (let i = 0; i < kept; i++) model.push(first + i);
            dropped += o.push - kept;
            expect(lost).toBe(o.push - kept);
          } else {
            const batch = peekIds(buffer, o.write);
            expect(batch).toEqual(model.slice(0, o.write));
            buffer.shift(batch.length);
            written.push(...model.splice(0, batch.length));
          }
          expect(buffer.size).toBe(model.length);
          expect(buffer.dropped).toBe(dropped);
        }
        // Whatever was written came out in tracking order, with no event twice.
        written.push(...peekIds(buffer));
        for (let i = 1; i < written.length; i++) expect(written[i]).toBeGreaterThan(written[i - 1] as number);
        expect(written.length + dropped).toBe(next);
      }),
    );
  });
});
