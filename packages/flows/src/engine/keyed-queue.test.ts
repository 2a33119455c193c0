import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue.js";

describe("KeyedQueue", () => {
  it("runs each key's tasks one at a time, in submission order, whatever their durations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.integer({ min: 0, max: 3 }), fc.boolean()), {
          maxLength: 30,
        }),
        async (tasks) => {
          const queue = new KeyedQueue();
          const running = new Map<string, number>();
          const order = new Map<string, number[]>();
          await Promise.allSettled(
            tasks.map(([key, ticks, fails], i) =>
              queue.run(key, async () => {
                running.set(key, (running.get(key) ?? 0) + 1);
                expect(running.get(key)).toBe(1);
                for (let t = 0; t < ticks; t++) await Promise.resolve();
                order.set(key, [...(order.get(key) ?? []), i]);
                running.set(key, (running.get(key) ?? 0) - 1);
                if (fails) throw new Error("task failed");
              }),
            ),
          );
          for (const [key, seen] of order) {
            const submitted = tasks.flatMap(([k], i) => (k === key ? [i] : []));
            expect(seen).toEqual(submitted);
          }
          await Promise.resolve();
          expect(queue.size).toBe(0);
        },
      ),
    );
  });

  it("lets different keys run at the same time", async () => {
    const queue = new KeyedQueue();
    let release: () => void = () => {};
    const blocked = queue.run("a", () => new Promise<void>((r) => (release = r)));
    const other = await queue.run("b", async () => "b done");
    expect(other).toBe("b done");
    release();
    await blocked;
  });
});
